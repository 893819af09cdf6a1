import Foundation
import SegNotebook
import SegScript
import XCTest
@testable import SegCLI

/// The script runner, the REPL, a notebook's terminal output and the HTML report all draw an
/// error's underline with the one renderer, so the same mistake gets the same caret line.
final class DiagnosticDisplayTests: XCTestCase {
    /// A tab-indented line with wide characters before the unknown name `nope` (column 17).
    private let line = "\tlet s = \"日本\" + nope"
    /// Written by hand: the tab kept, eight blanks for `let s = `, six for `"日本"` (each of 日本
    /// is two columns wide), three for ` + `, then `nope` underlined.
    private let caretLine = "\t" + String(repeating: " ", count: 17) + "^~~~"

    func testScriptErrorOnTheCommandLine() {
        var err = ""
        let writer = ConsoleWriter(out: { _ in }, err: { err += $0 })
        let status = ScriptRun.run(path: "t.seg", source: line + "\n", evaluator: Language.makeEvaluator(Language.makeInterpreter()),
                                   writer: writer)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(err, "t.seg:1:17: error: unknown name 'nope'\n    \(line)\n    \(caretLine)\n")
    }

    func testReplError() {
        var err = ""
        let writer = ConsoleWriter(out: { _ in }, err: { err += $0 })
        let printer = TerminalPrinter(writer: writer, isTerminal: false, columns: { 80 }, imageDirectory: "/nonexistent")
        let repl = Repl(engine: Language.makeReplEngine(), writer: writer, printer: printer)
        _ = repl.accept(line)
        XCTAssertEqual(err, "input 1:1:17: error: unknown name 'nope'\n    \(line)\n    \(caretLine)\n")
    }

    private func failedNotebook() throws -> RunResult {
        let notebook = try NotebookReader.parse("%% code bad\n\(line)\n", path: "n.segnb")
        var options = RunOptions()
        options.useCache = false
        return try NotebookRunner(notebook: notebook, evaluator: Language.makeEvaluator(Language.makeInterpreter()), options: options).run()
    }

    func testNotebookCellErrorInTheTerminal() throws {
        let errors = try failedNotebook().failedCells.flatMap(\.outputs).compactMap { output -> LocatedDiagnostic? in
            if case .error(let diagnostic) = output { return diagnostic }
            return nil
        }
        // `segnb run` prints each error output's description on stderr.
        XCTAssertEqual(errors.map(\.description), ["cell 1 \"bad\":2:17: error: unknown name 'nope'\n    \(line)\n    \(caretLine)"])
    }

    func testReportHTML() throws {
        let html = ReportWriter.html(try failedNotebook())
        XCTAssertTrue(html.contains("Error in cell 1 &quot;bad&quot;, line 2, column 17"), html)
        XCTAssertTrue(html.contains("unknown name &#39;nope&#39;\n\n    \tlet s = &quot;日本&quot; + nope\n    \(caretLine)</pre>"), html)
    }
}
