import Foundation
import XCTest
import SegTestSupport

/// The REPL driven through a pseudo-terminal, as a user types into it.
final class ReplTerminalTests: ScratchHomeTestCase {
    private func startRepl(_ arguments: [String] = []) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal.segnb(["repl"] + arguments, in: try XCTUnwrap(scratch))
        terminal.expect("seg> ")
        return terminal
    }

    /// Ctrl-D at the prompt. The prompt must be up first: a ^D typed while code runs reaches a
    /// terminal in cooked mode, where it is not a character readline can see.
    private func leave(_ terminal: PseudoTerminal) {
        terminal.waitUntilShowing("seg> ")
        // The prompt on screen can be a moment ahead of readline reading the terminal again; a
        // ^D that lands in that gap is swallowed by the cooked-mode line discipline, so repeat it.
        var status: Int32? = nil
        for _ in 0..<4 where status == nil {
            terminal.send("\u{4}")
            status = terminal.waitForExit(timeout: 5)
        }
        XCTAssertEqual(status, 0, "Ctrl-D leaves with status 0")
    }

    func testTypedLinesAreEvaluatedAndErrorsDoNotEndTheSession() throws {
        let terminal = try startRepl()
        terminal.line("let a = 40")
        terminal.expect("seg> ")
        terminal.line("nope")
        terminal.expect("unknown name 'nope'")
        terminal.line("a + 2")
        terminal.expect("42")
        terminal.expect("seg> ")
        leave(terminal)
    }

    func testTabCompletesVariablesAndBuiltins() throws {
        let terminal = try startRepl()
        terminal.line("let learning_rate = 5")
        terminal.expect("seg> ")
        terminal.send("learn\t")
        terminal.expect("learning_rate")
        terminal.line("")
        terminal.expect("5")
        terminal.expect("seg> ")
        terminal.send("sor\t")
        terminal.expect("sorted")
        terminal.line("([3, 1, 2])")
        terminal.expect("[1, 2, 3]")
        leave(terminal)
    }

    func testTabCompletesMethodsOfTheValueBeforeTheDot() throws {
        let terminal = try startRepl()
        terminal.line("let xs = [3, 1]")
        terminal.expect("seg> ")
        terminal.send("xs.app\t")
        terminal.expect("xs.append")
        terminal.line("(2)")
        terminal.waitUntilShowing("seg> ")
        terminal.line("xs")
        terminal.expect("[3, 1, 2]")
        terminal.waitUntilShowing("seg> ")
        terminal.line("let d = {road: 1}")
        terminal.expect("seg> ")
        terminal.send("d.ro\t")
        terminal.expect("d.road")
        terminal.send("\u{3}")  // Ctrl-C: drop the line
        leave(terminal)
    }

    /// The committed mini CamVid set.
    static let mini = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Notebooks/data/camvid-mini").path

    /// Module members, and the methods of a loaded dataset.
    func testTabCompletesModuleMembersAndMethodsOfADataset() throws {
        let terminal = try startRepl()
        terminal.send("camvid.lo\t")
        terminal.expect("camvid.load")
        terminal.send("\u{3}")
        terminal.waitUntilShowing("seg> ")
        terminal.line("let ds = camvid.load(\"\(Self.mini)\", split: \"val\", size: [24, 32])")
        terminal.expect("seg> ")
        terminal.send("ds.class_w\t")
        terminal.expect("ds.class_weights")
        terminal.send("\u{3}")
        leave(terminal)
    }

    func testTabCompletesCommandsAndPathsInsideStrings() throws {
        let scratch = try XCTUnwrap(scratch)
        try "x".write(to: scratch.work.appendingPathComponent("fixture-data.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: scratch.work.appendingPathComponent("frames"),
                                                withIntermediateDirectories: true)
        let terminal = try startRepl()
        terminal.send(":va\t")
        terminal.expect(":vars ")
        terminal.line("")
        terminal.expect("no bindings")
        terminal.send("print(\"fixt\t")
        terminal.expect("print(\"fixture-data.txt")
        terminal.line("\")")
        terminal.expect("fixture-data.txt")
        terminal.waitUntilShowing("seg> ")
        terminal.send(":load fra\t")
        terminal.expect(":load frames/")
        terminal.send("\u{3}")
        leave(terminal)
    }

    func testMultiLineFunctionContinuesWhileBraceIsOpen() throws {
        let terminal = try startRepl()
        terminal.line("fn double(x) {")
        terminal.expect("...> ")
        terminal.line("  x * 2")
        terminal.expect("...> ")
        terminal.line("}")
        terminal.expect("seg> ")
        terminal.line("double(21)")
        terminal.expect("42")
        terminal.waitUntilShowing("seg> ")
        terminal.line("let unfinished = [1,")
        terminal.expect("...> ")
        terminal.send("\u{3}")  // Ctrl-C drops the whole unfinished chunk
        terminal.expect("seg> ")
        terminal.line("double(4)")
        terminal.expect("8")
        leave(terminal)
    }

    func testCtrlCAbandonsTheLineBeingTyped() throws {
        let terminal = try startRepl()
        terminal.send("garbage")
        terminal.expect("garbage")
        terminal.send("\u{3}")
        terminal.expect("seg> ")
        terminal.line("1 + 1")
        terminal.expect("2")
        leave(terminal)
    }

    func testCtrlCInterruptsRunningCodeAndKeepsBindings() throws {
        let terminal = try startRepl()
        terminal.line("let kept = 7")
        terminal.expect("seg> ")
        terminal.line("var i = 0")
        terminal.expect("seg> ")
        terminal.line("while true { i += 1 }")
        // Wait for the echo of Enter: a ^C typed earlier would flush the unread line.
        terminal.expect("while true { i += 1 }\n")
        XCTAssertTrue(terminal.interrupt(until: "interrupted"), "Ctrl-C stops the loop:\n\(terminal.screenText.suffix(500))")
        terminal.expect("seg> ")
        terminal.line("[kept, i > 0]")
        terminal.expect("[7, true]")
        leave(terminal)
    }

    func testHistoryPersistsAcrossSessions() throws {
        let scratch = try XCTUnwrap(scratch)
        let first = try startRepl()
        first.line("let remembered = 99")
        first.expect("seg> ")
        leave(first)
        let file = scratch.state.appendingPathComponent("segnb/history")
        let saved = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(saved.contains("let remembered = 99"), "history file: \(saved)")

        let second = try startRepl()
        second.send("\u{1B}[A")  // Up arrow recalls the previous session's line
        second.expect("let remembered = 99")
        second.line("")
        second.expect("seg> ")
        second.line("remembered")
        second.expect("99")
        leave(second)
    }

    func testLoadNextAndVarsOnASmallNotebook() throws {
        let work = try XCTUnwrap(scratch).work
        let notebook = work.appendingPathComponent("tiny.segnb").path
        try FileManager.default.copyItem(atPath: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb").path, toPath: notebook)
        let terminal = try startRepl()
        terminal.line(":load \(notebook)")
        terminal.expect("3 cells")
        terminal.line(":cells")
        terminal.expect("double")
        terminal.line(":next")
        terminal.expect("Tiny notebook")
        terminal.expect("A notebook for the REPL tests", timeout: 5)
        terminal.expect("── cell 2 (params) ──", timeout: 5)
        terminal.line(":n")
        terminal.expect("── cell 3 double (code) ──")
        terminal.expect("6")
        terminal.line(":vars")
        terminal.expect("doubled")
        terminal.line(":show double")
        terminal.expect("let doubled = n + n")
        leave(terminal)
    }

    func testNotebookGivenOnTheCommandLineIsLoaded() throws {
        let work = try XCTUnwrap(scratch).work
        try FileManager.default.copyItem(atPath: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb").path,
                                         toPath: work.appendingPathComponent("tiny.segnb").path)
        let terminal = try PseudoTerminal.segnb(["repl", "tiny.segnb"], in: try XCTUnwrap(scratch))
        terminal.expect("loaded tiny.segnb: 3 cells")
        terminal.expect("seg> ")
        terminal.line(":run all")
        terminal.expect("── cell 3 double (code) ──")
        terminal.expect("6")
        terminal.waitUntilShowing("seg> ")
        terminal.line(":cells")
        terminal.expect("ran in")
        leave(terminal)
    }

    /// `show` of a label map draws half blocks with a legend of the classes present.
    func testShowImageDrawsHalfBlocksInTheTerminal() throws {
        let terminal = try startRepl()
        terminal.line("show(camvid.load(\"\(Self.mini)\", split: \"val\", size: [24, 32])[0].labels)")
        terminal.expect("▀")
        terminal.expect("Road")
        leave(terminal)
    }
}
