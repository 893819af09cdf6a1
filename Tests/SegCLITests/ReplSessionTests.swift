import XCTest
@testable import SegCLI
import SegTestSupport

/// The REPL's line handling in-process, over the Seg language.
final class ReplSessionTests: XCTestCase {
    private var out = ""
    private var err = ""

    private func makeRepl() -> Repl {
        let writer = ConsoleWriter(out: { [unowned self] in out += $0 }, err: { [unowned self] in err += $0 })
        let printer = TerminalPrinter(writer: writer, isTerminal: false, columns: { 80 }, imageDirectory: "/nonexistent")
        return Repl(engine: Language.makeReplEngine(), writer: writer, printer: printer)
    }

    func testLinesEvaluateAndErrorsAreReportedWithoutEndingTheSession() {
        let repl = makeRepl()
        XCTAssertEqual(repl.accept("let a = 2"), .proceed)
        XCTAssertEqual(repl.accept("missing"), .proceed)
        XCTAssertEqual(repl.accept("a + 3"), .proceed)
        XCTAssertEqual(out, "5\n")
        XCTAssertTrue(err.contains("unknown name 'missing'"))
        XCTAssertTrue(repl.hadError)
    }

    func testMultiLineChunksWaitForTheClosingBrace() {
        let repl = makeRepl()
        _ = repl.accept("fn f(x) {")
        _ = repl.accept("  let d = {a: 1,")
        XCTAssertEqual(repl.currentPrompt, Repl.continuationPrompt)
        _ = repl.accept("  b: 2}")
        _ = repl.accept("  x + d.b")
        _ = repl.accept("}")
        XCTAssertEqual(repl.currentPrompt, Repl.prompt)
        _ = repl.accept("f(40)")
        XCTAssertEqual(out, "42\n")
        XCTAssertEqual(err, "")
    }

    func testAColonLineInsideAChunkIsCodeNotACommand() {
        let repl = makeRepl()
        _ = repl.accept("let xs = [1,")
        _ = repl.accept(":vars")
        XCTAssertEqual(repl.pending.count, 2)
        _ = repl.accept("]")
        XCTAssertTrue(err.contains("error"), "the chunk is a syntax error, reported: \(err)")
        XCTAssertEqual(repl.currentPrompt, Repl.prompt, "and the session goes on")
    }

    func testCommandsNeedANotebookWhereTheyShould() {
        let repl = makeRepl()
        _ = repl.accept(":cells")
        XCTAssertEqual(err, "no notebook loaded (:load NOTEBOOK)\n")
        XCTAssertEqual(repl.accept(":quit"), .quit)
    }

    func testStepThroughANotebook() throws {
        let scratch = try ScratchHome()
        let notebook = scratch.work.appendingPathComponent("tiny.segnb").path
        try FileManager.default.copyItem(atPath: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb").path, toPath: notebook)
        let repl = makeRepl()
        _ = repl.accept(":load \(notebook)")
        XCTAssertTrue(out.contains("3 cells"), out)
        out = ""
        _ = repl.accept(":run 2-3")
        XCTAssertTrue(out.contains("── cell 3 double (code) ──\n6\n"), out)
        XCTAssertEqual(repl.nextCell, 4)
        out = ""
        _ = repl.accept(":next")
        XCTAssertTrue(out.hasPrefix("every cell has run"), out)
        out = ""
        _ = repl.accept(":vars")
        XCTAssertTrue(out.contains("doubled  Int"), out)
        XCTAssertTrue(out.contains("n        Int"), "params are bindings too: \(out)")
        _ = repl.accept(":run nosuch")
        XCTAssertTrue(err.contains("no cell named 'nosuch' (names: double)"), err)
        out = ""
        _ = repl.accept(":run 3")
        XCTAssertTrue(out.contains("restored from cache"), "the second run of a cell comes from the cache: \(out)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.work.appendingPathComponent(".segnb-cache").path),
                      "stepping uses the cache beside the notebook, as segnb run does")
        _ = repl.accept(":report")
        XCTAssertTrue(out.contains("report written to \(scratch.work.path)/tiny.html"), out)
    }

    private static let steppedNotebook = """
        %% md
        # Stepping
        Some *emphasis*, **bold** and `code`, a [link](https://example.org), snake_case kept:
        - one
        - two

        %% params
        let n = 2

        %% md
        ## Load

        %% code load
        let xs = [1, 2, 3]

        %% code model
        let m = len(xs) * n

        %% code unrelated
        let u = 7

        %% md
        ## Train

        %% code train
        let trained = m + len(xs)
        trained

        """

    private func loadStepped() throws -> (Repl, ScratchHome) {
        let scratch = try ScratchHome()
        let notebook = scratch.work.appendingPathComponent("stepped.segnb")
        try Self.steppedNotebook.write(to: notebook, atomically: true, encoding: .utf8)
        let repl = makeRepl()
        _ = repl.accept(":load \(notebook.path)")
        out = ""
        return (repl, scratch)
    }

    func testNextRunsTheNextCodeCellPrintingTheMarkdownOnTheWay() throws {
        let (repl, _) = try loadStepped()
        _ = repl.accept(":next")
        XCTAssertEqual(out, """
            Stepping
            ========
            Some emphasis, bold and code, a link (https://example.org), snake_case kept:
              • one
              • two

            ── cell 2 (params) ──
            parameters bound

            """)
        XCTAssertEqual(repl.nextCell, 3)
        out = ""
        _ = repl.accept(":next")
        XCTAssertTrue(out.hasPrefix("Load\n----\n\n── cell 4 load (code) ──\nran in "), "then stops on the code cell: \(out)")
        XCTAssertEqual(err, "")
    }

    func testRunByNameRunsWhatItNeedsFirstAndSaysWhich() throws {
        let (repl, _) = try loadStepped()
        _ = repl.accept(":run train")
        XCTAssertEqual(err, "", "no 'unknown name' on a fresh load")
        XCTAssertTrue(out.hasPrefix("running load, model first\n── cell 4 load (code) ──\n"), out)
        XCTAssertTrue(out.contains("── cell 5 model (code) ──"), out)
        XCTAssertFalse(out.contains("unrelated"), "cells it does not read from stay unrun: \(out)")
        XCTAssertTrue(out.contains("── cell 8 train (code) ──\n9\n"), out)
        out = ""
        _ = repl.accept(":run train")
        XCTAssertFalse(out.contains("first"), "nothing more is needed the second time: \(out)")
        XCTAssertTrue(out.contains("restored from cache"), out)
    }

    func testRunSaysOnlyWhatIsStillMissingAndStopsWhenItFails() throws {
        let (repl, scratch) = try loadStepped()
        _ = repl.accept(":run load")
        out = ""
        _ = repl.accept(":run model")
        XCTAssertFalse(out.contains("first"), "load ran already: \(out)")
        let broken = Self.steppedNotebook.replacingOccurrences(of: "let m = len(xs) * n", with: "let m = len(nope) * n")
        try broken.write(to: scratch.work.appendingPathComponent("stepped.segnb"), atomically: true, encoding: .utf8)
        _ = repl.accept(":load \(scratch.work.appendingPathComponent("stepped.segnb").path)")
        out = ""
        _ = repl.accept(":run 8")
        XCTAssertTrue(out.hasPrefix("running load, model first\n"), out)
        XCTAssertTrue(err.contains("unknown name 'nope'"), err)
        XCTAssertFalse(out.contains("── cell 8"), "the cell whose input failed does not run: \(out)")
    }

    func testHelpForCommandsAndBuiltins() {
        let repl = makeRepl()
        _ = repl.accept(":help :load")
        XCTAssertEqual(out, ":load NOTEBOOK      load a notebook to step through its cells\n")
        out = ""
        _ = repl.accept(":help len")
        XCTAssertTrue(out.hasPrefix("len(x)\n"), out)
        _ = repl.accept(":help nothing_here")
        XCTAssertEqual(err, "no help for 'nothing_here'\n")
    }

    func testTimeAndReset() {
        let repl = makeRepl()
        _ = repl.accept("let a = 1")
        _ = repl.accept(":time a + 1")
        XCTAssertTrue(out.hasPrefix("2\ntime: "), out)
        _ = repl.accept(":reset")
        _ = repl.accept("a")
        XCTAssertTrue(err.contains("unknown name 'a'"))
    }

    func testStatePathsFollowXDG() {
        XCTAssertEqual(StatePaths(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).historyFile, "/s/segnb/history")
        XCTAssertEqual(StatePaths(environment: ["HOME": "/h"]).historyFile, "/h/.local/state/segnb/history")
        XCTAssertEqual(StatePaths(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).directory,
                       "/h/.local/state/segnb", "XDG paths must be absolute")
    }
}
