import XCTest
@testable import SegNotebook
import SegTestSupport
import SegScript

final class NotebookRunnerTests: XCTestCase {
    func testCellsRunInOrderInOneEnvironment() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("# T\n%% code a\nx = 2\n%% code b\nprint x + 3\ny = x + 1\n")
        let (result, evaluator) = try scratch.run(path, useCache: false)
        XCTAssertEqual(evaluator.executed, ["x = 2", "print x + 3\ny = x + 1"])
        XCTAssertEqual(result.cells[2].outputs, [.text("5\n"), .value("3")])
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertEqual(result.executedCount, 2)
    }

    func testFailureStopsTheRunWithLocationAndLaterCellsDoNotRun() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a\nx = 1\n%% code b\nprint x\nfail boom\n%% code c\ny = 1\n")
        let (result, evaluator) = try scratch.run(path, useCache: false)
        XCTAssertEqual(result.statusNames, ["ran", "failed", "notrun"])
        XCTAssertEqual(evaluator.executed.count, 2)
        XCTAssertEqual(result.exitStatus, 1)
        guard case .error(let report)? = result.cells[1].outputs.last else { return XCTFail("no error output") }
        XCTAssertEqual(report.message, "boom")
        XCTAssertEqual(report.line, 5)
        XCTAssertEqual(report.column, 1)
        XCTAssertEqual(report.sourceLine, "fail boom")
        XCTAssertEqual(report.source, "cell 2 \"b\"")
        XCTAssertEqual(report.notes, ["helper()"])
        XCTAssertEqual(result.cells[1].outputs.first, .text("1\n"))
    }

    func testAllowErrorGoesOn() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a allow_error=true\nfail expected\n%% code b\ny = 1\n")
        let (result, evaluator) = try scratch.run(path, useCache: false)
        XCTAssertEqual(evaluator.executed.count, 2)
        XCTAssertEqual(result.statusNames, ["failed", "ran"])
        XCTAssertEqual(result.exitStatus, 0)
    }

    func testSyntaxErrorsAreAllReportedWithNotebookLines() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code\nx = 1\nsyntax!\n%% code\ny = 2\n")
        let (result, evaluator) = try scratch.run(path, useCache: false)
        XCTAssertTrue(evaluator.executed.isEmpty)
        let errors = result.cells[0].outputs.compactMap { output -> LocatedDiagnostic? in if case .error(let e) = output { return e }; return nil }
        XCTAssertEqual(errors.map(\.line), [3, 3])
        XCTAssertEqual(errors.map(\.message), ["unexpected '!'", "second error"])
        XCTAssertEqual(result.cells[1].status, .notRun)
    }

    func testCellTimeoutInterruptsAndRunTimeoutStops() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code slow timeout=0.1 allow_error=true\nsleep 5\n%% code\nx = 1\n")
        let (result, evaluator) = try scratch.run(path, useCache: false)
        guard case .failed(let seconds) = result.cells[0].status else { return XCTFail("\(result.cells[0].status)") }
        XCTAssertLessThan(seconds, 2)
        guard case .error(let report)? = result.cells[0].outputs.last else { return XCTFail() }
        XCTAssertTrue(report.message.contains("timeout of 0.10 s"), report.message)
        XCTAssertEqual(evaluator.executed.count, 2)

        let whole = scratch.notebook("%% code\nsleep 5\n%% code\nx = 1\n", name: "whole.segnb")
        let (stopped, _) = try scratch.run(whole, useCache: false) { $0.runTimeout = 0.1 }
        XCTAssertTrue(stopped.timedOut)
        XCTAssertEqual(stopped.exitStatus, 1)
        XCTAssertEqual(stopped.cells[1].status, .notRun)
    }

    func testParamsAreBoundAndOverridden() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% params\nlet epochs = 20\n%% code\nprint epochs\n")
        let (defaults, _) = try scratch.run(path, useCache: false)
        XCTAssertEqual(defaults.cells[1].outputs, [.text("20\n")])
        let (overridden, _) = try scratch.run(path, overrides: ["epochs=2"], useCache: false)
        XCTAssertEqual(overridden.cells[1].outputs, [.text("2\n")])
        XCTAssertEqual(overridden.parameters.first?.value, .int(2))
        XCTAssertThrowsError(try scratch.run(path, overrides: ["nope=1"]))
    }

    func testPerCellSeedsDependOnlyOnNotebookSeedAndIdentity() throws {
        let scratch = try ScratchFolder()
        let first = scratch.notebook("%% code a\nx = rand\n%% code\ny = rand\n", name: "one.segnb")
        let (_, one) = try scratch.run(first, useCache: false)
        // Inserting a cell before changes neither the named nor the unnamed cell's stream.
        let second = scratch.notebook("%% code new\nz = 1\n%% code a\nx = rand\n%% code\ny = rand\n", name: "two.segnb")
        let (_, two) = try scratch.run(second, useCache: false)
        XCTAssertEqual(one.seedsSeen["cell 1 \"a\""], two.seedsSeen["cell 2 \"a\""])
        XCTAssertEqual(one.seedsSeen["cell 2"], two.seedsSeen["cell 3"])
        XCTAssertNotEqual(one.seedsSeen["cell 1 \"a\""], one.seedsSeen["cell 2"])
        let (_, reseeded) = try scratch.run(first, overrides: ["seed=1"], useCache: false)
        XCTAssertNotEqual(one.seedsSeen["cell 1 \"a\""], reseeded.seedsSeen["cell 1 \"a\""])
        XCTAssertEqual(CacheHashing.cellSeed(notebookSeed: "0", identity: "name:a"), one.seedsSeen["cell 1 \"a\""])
    }

    func testProgressLinePerCell() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a\nx = 1\n%% code b\ny = 2\n")
        var lines: [String] = []
        _ = try scratch.run(path) { $0.progress = { lines.append($0) } }
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("[1/2] cell 1 \"a\": "))
        XCTAssertTrue(lines[0].hasSuffix(" s"))
        lines = []
        _ = try scratch.run(path) { $0.progress = { lines.append($0) } }
        XCTAssertEqual(lines, ["[1/2] cell 1 \"a\": cached", "[2/2] cell 2 \"b\": cached"])
    }
}

final class NotebookRunnerSteppingTests: XCTestCase {
    func testSteppingCellsUsesTheSameCacheAndPartialResults() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("# S\n%% code a\nx = 1\n%% code b\nprint x\n")
        _ = try scratch.run(path)
        let evaluator = FakeEvaluator()
        let runner = NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator)
        let first = try runner.runCell(number: 2)
        XCTAssertEqual(first.status, .restored(seconds: { if case .restored(let s) = first.status { return s }; return -1 }()))
        XCTAssertEqual(runner.currentResult().statusNames, ["markdown", "restored", "notrun"])
        XCTAssertTrue(ReportWriter.html(runner.currentResult()).contains("not run"))
        let second = try runner.runCell(number: 3)
        XCTAssertEqual(second.outputs, [.text("1\n")])
        XCTAssertTrue(evaluator.executed.isEmpty)
        XCTAssertThrowsError(try runner.runCell(number: 9))
    }
}
