import XCTest
@testable import SegScript

final class NameAnalysisTests: XCTestCase {
    func access(_ text: String) throws -> NameAccess { try Interpreter.analyze(SourceFile(name: "cell", text: text)) }

    func testDefinitionsAndReads() throws {
        let a = try access("let x = y + 1\nvar z = x * 2\nfn f(p) { p + w }")
        XCTAssertEqual(a.reads, ["y", "w"])
        XCTAssertEqual(a.writes, ["x", "z", "f"])
        XCTAssertEqual(a.definitions, ["x", "z", "f"])
        XCTAssertEqual(a.mutations, [])
    }

    func testLocalsAndParametersShadowGlobals() throws {
        let a = try access("fn g(data) { let model = data; model }\nfor batch in loader { let loss = batch; print(loss) }")
        XCTAssertEqual(a.reads, ["loader", "print"])
        XCTAssertEqual(a.writes, ["g"])
    }

    func testClosuresReadGlobals() throws {
        let a = try access("let h = fn(x) { x * scale }\nlet k = fn() { fn() { offset } }")
        XCTAssertEqual(a.reads, ["scale", "offset"])
    }

    func testNameReadBeforeItIsAssigned() throws {
        let a = try access("total = total + 1\ncount += 1\nlet later = 1\nprint(later)")
        XCTAssertEqual(a.reads, ["total", "count", "print"])
        XCTAssertEqual(a.writes, ["total", "count", "later"])
    }

    func testUseBeforeDefinitionInTheSameChunkIsARead() throws {
        let a = try access("print(x)\nlet x = 2")
        XCTAssertTrue(a.reads.contains("x"))
    }

    func testElementAndMemberAssignmentsAreMutations() throws {
        let a = try access("xs[0] = 1\nd.k = v\nopt.lr *= 0.5\ngrid[i][j] = 0")
        XCTAssertEqual(a.mutations, ["xs", "d", "opt", "grid"])
        XCTAssertEqual(a.writes, ["xs", "d", "opt", "grid"])
        XCTAssertEqual(a.reads, ["xs", "d", "v", "opt", "grid", "i", "j"])
    }

    func testMethodCallsAreReadsOnly() throws {
        let a = try access("xs.append(1)\nmodel.train()")
        XCTAssertEqual(a.reads, ["xs", "model"])
        XCTAssertEqual(a.writes, [])
    }

    func testAssignmentInsideAFunctionWritesTheGlobal() throws {
        let a = try access("fn bump() { counter += 1 }")
        XCTAssertEqual(a.writes, ["bump", "counter"])
        XCTAssertEqual(a.reads, ["counter"])
    }

    func testLocalMutationIsNotAGlobalWrite() throws {
        let a = try access("fn f() { var ys = []; ys[0] = 1; ys }\nif true { let q = [1]; q[0] = 2 }")
        XCTAssertEqual(a.writes, ["f"])
        XCTAssertEqual(a.mutations, [])
    }

    func testCatchBindingIsLocal() throws {
        let a = try access("try { risky() } catch err { print(err.message) }")
        XCTAssertEqual(a.reads, ["risky", "print"])
    }

    func testSyntaxErrorThrows() {
        XCTAssertThrowsError(try access("let = 1"))
    }
}
