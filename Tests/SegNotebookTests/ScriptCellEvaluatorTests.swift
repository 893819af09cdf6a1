import XCTest
import SegScript
@testable import SegNotebook
import SegTestSupport

/// The runner over the real Seg interpreter: cache, mutation, functions, errors, seeds, timeouts.
final class ScriptCellEvaluatorTests: XCTestCase {
    let text = """
    # Seg notebook
    %% params
    let n = 3
    %% code a
    var xs = [1, 2]
    %% code b
    xs.append(n)
    print("len", len(xs))
    %% code c
    fn double(x) { x * 2 }
    double(len(xs))
    %% code d
    let r = random()
    r
    """

    func run(_ path: String, overrides: [String] = [], useCache: Bool = true, timeout: Double? = nil) throws -> (RunResult, ScriptCellEvaluator) {
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter())
        var options = RunOptions()
        options.parameterOverrides = overrides
        options.useCache = useCache
        options.runTimeout = timeout
        let result = try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: options).run()
        return (result, evaluator)
    }

    func testFreshAndCachedRunsAgree() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(text)
        let (fresh, freshEnv) = try run(path)
        XCTAssertEqual(fresh.exitStatus, 0, "\(fresh.cells.map(\.outputs))")
        XCTAssertEqual(fresh.cells[3].outputs, [.text("len 3\n")])
        XCTAssertEqual(fresh.cells[4].outputs, [.value("6")])
        let (cached, cachedEnv) = try run(path)
        XCTAssertEqual(cached.statusNames, ["markdown", "ran", "restored", "restored", "restored", "restored"])
        XCTAssertEqual(cached.cells.map(\.outputs), fresh.cells.map(\.outputs))
        for name in ["xs", "r", "n"] {
            XCTAssertEqual(cachedEnv.interpreter.global(name).map(displayString), freshEnv.interpreter.global(name).map(displayString), name)
        }
        // A restored function works: its definition was re-run.
        XCTAssertEqual(displayString(try cachedEnv.interpreter.evaluate("double(21)")), "42")
        // The same per-cell random stream without the cache.
        let (uncached, _) = try run(path, useCache: false)
        XCTAssertEqual(uncached.cells[5].outputs, fresh.cells[5].outputs)
    }

    func testInPlaceMutationAndEditsRerunDependents() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(text)
        _ = try run(path)
        _ = scratch.notebook(text.replacingOccurrences(of: "var xs = [1, 2]", with: "var xs = [1, 2, 5]"))
        let (edited, env) = try run(path)
        XCTAssertEqual(edited.statusNames, ["markdown", "ran", "ran", "ran", "ran", "restored"])
        XCTAssertEqual(edited.cells[3].outputs, [.text("len 4\n")])
        XCTAssertEqual(env.interpreter.global("xs").map(displayString), "[1, 2, 5, 3]")
        let (param, _) = try run(path, overrides: ["n=7"])
        XCTAssertEqual(param.statusNames, ["markdown", "ran", "restored", "ran", "ran", "restored"])
    }

    func testErrorsCarryNotebookLinesAndTimeoutsInterrupt() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code ok\nlet a = 1\n%% code bad\nlet b = 2\nlet c = a + nope\n%% code later\nprint(1)\n")
        let (result, _) = try run(path)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(result.statusNames, ["ran", "failed", "notrun"])
        guard case .error(let report)? = result.cells[1].outputs.last else { return XCTFail("\(result.cells[1].outputs)") }
        XCTAssertEqual(report.line, 5)
        XCTAssertEqual(report.sourceLine, "let c = a + nope")
        XCTAssertNotNil(report.column)
        XCTAssertTrue(report.message.contains("nope"), report.message)

        let syntax = scratch.notebook("%% code\nlet = 1\nlet x = (\n", name: "syntax.segnb")
        let (bad, _) = try run(syntax)
        XCTAssertGreaterThanOrEqual(bad.cells[0].outputs.count, 1)

        let slow = scratch.notebook("%% code spin timeout=0.3\nvar i = 0\nwhile true { i += 1 }\n", name: "slow.segnb")
        let started = Date()
        let (stopped, env) = try run(slow)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(stopped.statusNames, ["failed"])
        guard case .error(let timeout)? = stopped.cells[0].outputs.last else { return XCTFail() }
        XCTAssertTrue(timeout.message.contains("timeout"), timeout.message)
        XCTAssertNotNil(env.interpreter.global("i"), "the environment is intact after the interruption")
    }
}

final class ScriptParamsTests: XCTestCase {
    func testParamsBindAsSegValuesAndImplicitSeedKeepsTheBuiltin() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% params\nlet size = [192, 256]\nlet data = \"x\"\n%% code\nprint(size[1], data, type(seed))\n")
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter())
        var options = RunOptions()
        options.parameterOverrides = ["data=/srv/CamVid", "seed=5"]
        let result = try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: options).run()
        XCTAssertEqual(result.cells[1].outputs, [.text("256 /srv/CamVid Function\n")])
        XCTAssertEqual(result.seed, "5")
    }
}

final class ScriptReportTests: XCTestCase {
    func testHostileSegOutputIsEscapedInTheReport() throws {
        let scratch = try ScratchFolder()
        let evil = "</script><script>alert(1)</script>"
        let path = scratch.notebook("# Evil \(evil)\n%% params\nlet s = \"\(evil)\"\n%% code\nprint(s)\n[s]\n")
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter())
        let result = try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator).run()
        XCTAssertEqual(result.cells[2].outputs.first, .text(evil + "\n"))
        let html = ReportWriter.html(result)
        XCTAssertNil(html.range(of: "<script", options: .caseInsensitive))
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
