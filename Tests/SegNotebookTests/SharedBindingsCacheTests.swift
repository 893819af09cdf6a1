import XCTest
import SegScript
import SegBindings
@testable import SegNotebook
import SegTestSupport

/// The cache over the real interpreter and bindings: values shared between bindings, and with
/// earlier cells, stay shared after a restore, so later cells behave as in an uncached run.
final class SharedBindingsCacheTests: XCTestCase {
    let text = """
    # Seg notebook
    %% code model
    let m = nn.conv2d(1, 2, kernel: 1, padding: 0)
    %% code optimizer
    let opt = nn.sgd(m, lr: 0.1, momentum: 0.9)
    let sched = nn.onecycle(opt, max_lr: 0.5, steps: 10)
    %% code aliases
    var a = [1]
    let b = a
    var loop = [0]
    loop.append(loop)
    let models = [m]
    %% code metric
    let c = metrics.confusion(classes: 2)
    c.add(tensor([0, 1, 1], dtype: "int32"), tensor([0, 1, 0], dtype: "int32"))
    %% code train cache=false
    b.append(2)
    for i in 0..<2 {
        opt.zero_grad()
        (m(ones([1, 1, 2, 2])).sum()).backward()
        opt.step()
        sched.step()
    }
    c.add(tensor([1], dtype: "int32"), tensor([1], dtype: "int32"))
    [a, len(loop[1][1]), sched.steps, sched.lr, opt.lr, m.parameters()[0].tolist(), models[0].parameters()[1].tolist(), c.matrix.tolist()]
    """

    func run(_ path: String, useCache: Bool = true) throws -> RunResult {
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter(registry: Bindings.makeRegistry()))
        var options = RunOptions()
        options.useCache = useCache
        return try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: options).run()
    }

    func testLaterCellsActOnRestoredValuesAsOnFreshOnes() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(text)
        let fresh = try run(path)
        XCTAssertEqual(fresh.exitStatus, 0, "\(fresh.cells.map(\.outputs))")
        XCTAssertEqual(fresh.statusNames, ["markdown", "ran", "ran", "ran", "ran", "ran"])
        // Every storable cell was stored: none says it re-runs every time.
        XCTAssertEqual(fresh.cells.compactMap(\.cacheNote), ["not cached (cache=false)"])
        guard case .value(let shown)? = fresh.cells[5].outputs.last else { return XCTFail("no value shown: \(fresh.cells[5].outputs)") }
        XCTAssertTrue(shown.hasPrefix("[[1, 2], 2, 2, "), shown)

        let cached = try run(path)
        // The cell holding the schedule comes from the cache, as does the confusion matrix's.
        XCTAssertEqual(cached.statusNames, ["markdown", "restored", "restored", "restored", "restored", "ran"])
        XCTAssertEqual(cached.warnings, [])
        XCTAssertEqual(cached.cells.map(\.outputs), fresh.cells.map(\.outputs))
        let uncached = try run(path, useCache: false)
        XCTAssertEqual(uncached.cells.map(\.outputs), fresh.cells.map(\.outputs))
    }

    func testFunctionsStoreBesideSharedValuesAndUnstorableBindingsAreNamed() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("""
        %% code mixed
        fn g(x) { x + 1 }
        var xs = [1]
        let ys = xs
        %% code unstorable
        let fs = [g]
        %% code use cache=false
        ys.append(g(1))
        xs
        """)
        let fresh = try run(path)
        XCTAssertEqual(fresh.cells[1].cacheNote, "not cached: `fs` cannot be stored (the function 'g' cannot be stored); this cell re-runs every time")
        XCTAssertEqual(fresh.cells[2].outputs, [.value("[1, 2]")])
        let cached = try run(path)
        XCTAssertEqual(cached.statusNames, ["restored", "ran", "ran"])
        XCTAssertEqual(cached.cells[2].outputs, [.value("[1, 2]")])
    }
}
