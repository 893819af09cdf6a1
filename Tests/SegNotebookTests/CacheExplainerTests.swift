import XCTest
@testable import SegNotebook
import SegTestSupport

final class CacheExplainerTests: XCTestCase {
    let text = "%% params\nlet n = 1\n%% code a\nx = 1\n%% code b timeout=10\ny = x + n\n"

    func explain(_ path: String, _ cell: String, overrides: [String] = []) throws -> CacheExplanation {
        var options = RunOptions()
        options.parameterOverrides = overrides
        return try CacheExplainer.explain(notebook: NotebookReader.read(path: path), cell: cell, evaluator: FakeEvaluator(), options: options)
    }

    func testExplainsEachChangedPartOfTheKey() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(text)
        XCTAssertTrue(try explain(path, "b").reasons.first?.contains("no earlier run") ?? false)
        _ = try scratch.run(path)
        XCTAssertTrue(try explain(path, "b").wouldRestore)
        XCTAssertTrue(try explain(path, "3").wouldRestore)

        let param = try explain(path, "b", overrides: ["n=2"])
        XCTAssertFalse(param.wouldRestore)
        XCTAssertEqual(param.reasons, ["param n changed: 1 -> 2"])

        _ = scratch.notebook(text.replacingOccurrences(of: "x = 1", with: "x = 5"))
        XCTAssertEqual(try explain(path, "a").reasons, ["source changed"])
        let input = try explain(path, "b")
        XCTAssertEqual(input.reasons.count, 1)
        XCTAssertTrue(input.reasons[0].contains("input `x` changed (produced by cell 2 \"a\")"), input.reasons[0])
        XCTAssertTrue(input.description.contains("would run"))

        _ = scratch.notebook(text.replacingOccurrences(of: "timeout=10", with: "timeout=20"))
        let options = try explain(path, "b")
        XCTAssertEqual(options.reasons.count, 1)
        XCTAssertTrue(options.reasons[0].hasPrefix("options changed"), options.reasons[0])
        XCTAssertThrowsError(try explain(path, "zzz"))
    }
}
