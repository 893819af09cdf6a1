import XCTest
import SegScript
import SegBindings
@testable import SegNotebook
import SegTestSupport

/// Markdown that once hung the report, through a real run: a Markdown cell and `md()` in a code cell,
/// fresh and restored from the cache.
final class ReportMarkdownRunTests: XCTestCase {
    func run(_ path: String) throws -> RunResult {
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter(registry: Bindings.makeRegistry()))
        return try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: RunOptions()).run()
    }

    func testBacktrackingMarkdownInCellsAndMdCallsWritesTheReportQuickly() throws {
        let scratch = try ScratchFolder()
        let brackets = String(repeating: "[", count: 30)
        let path = scratch.notebook("""
        # Brackets
        %% md
        \(brackets) and \(String(repeating: "![", count: 30))
        %% code
        md("[" * 30)
        md("*[" * 30 + " <script>alert(1)</script> [x](javascript:alert(1))")
        md("[" * 10000)
        """)
        for pass in ["fresh", "cached"] {
            let result = try run(path)
            XCTAssertEqual(result.exitStatus, 0, "\(pass): \(result.cells.map(\.outputs))")
            let start = Date()
            let html = ReportWriter.html(result)
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, pass)
            XCTAssertTrue(html.contains(brackets), pass)
            XCTAssertFalse(html.lowercased().contains("<script>alert"), pass)
            XCTAssertFalse(html.lowercased().contains("href=\"javascript"), pass)
        }
    }
}
