import XCTest
@testable import SegScript
import SegTestSupport

final class EnvironmentTests: XCTestCase {
    func testGlobalsPersistAcrossChunksAndLastValueIsReturned() throws {
        let sink = CollectingSink()
        let interp = Interpreter(sink: sink)
        XCTAssertEqual(reprString(try interp.evaluate("let a = 2\nfn twice(x) { x * a }", name: "cell 1")), "nil")
        XCTAssertEqual(reprString(try interp.evaluate("twice(21)", name: "cell 2")), "42")
        // A function compiled earlier sees a global redefined later.
        try interp.evaluate("let a = 3", name: "cell 3")
        XCTAssertEqual(reprString(try interp.evaluate("twice(1)")), "3")
        XCTAssertEqual(reprString(try interp.evaluate("[1, \"x\"]")), "[1, \"x\"]")
        XCTAssertEqual(interp.userGlobalNames, ["a", "twice"])
        XCTAssertEqual(interp.definingSource(of: "twice"), "fn twice(x) { x * a }")
        interp.reset()
        XCTAssertEqual(interp.userGlobalNames, [])
        XCTAssertNotNil(interp.global("print"))
    }

    func testRuntimeErrorLeavesEarlierDefinitions() throws {
        let interp = Interpreter(sink: CollectingSink())
        XCTAssertThrowsError(try interp.evaluate("let kept = 1\nlet bad = 1 // 0"))
        XCTAssertEqual(reprString(try interp.evaluate("kept")), "1")
    }

    func testDiagnosticRenderingWithLineOffsetCaretAndStack() throws {
        let interp = Interpreter(sink: CollectingSink())
        let src = SourceFile(name: "cell 3 'train'", text: "fn inner(x) {\n  x + \"s\"\n}\nfn outer() { inner(1) }\nouter()", lineOffset: 10)
        do {
            try interp.evaluate(src)
            XCTFail("expected an error")
        } catch let e as ScriptError {
            XCTAssertEqual(e.kind, .runtime)
            XCTAssertEqual(e.range?.line, 12)
            XCTAssertEqual(e.range?.column, 3)
            XCTAssertEqual(e.stack.map(\.function), ["inner", "outer"])
            let text = e.description
            XCTAssertTrue(text.hasPrefix("cell 3 'train':12:3: error: cannot apply '+' to Int and String\n      x + \"s\"\n      ^~~~~~~"), text)
            XCTAssertTrue(text.contains("cell 3 'train':14:14: in inner"), text)
            XCTAssertTrue(text.contains("cell 3 'train':15:1: in outer"), text)
        }
    }

    func testEverySyntaxErrorIsReported() {
        let diags = Interpreter.check(SourceFile(name: "s.seg", text: "let a = )\nlet b = 2\nlet c = [1,\nfor x in { }\nlet d = 1 +\n"))
        XCTAssertGreaterThanOrEqual(diags.count, 3)
        XCTAssertEqual(diags.first?.range?.line, 1)
        XCTAssertTrue(diags.allSatisfy { $0.range != nil })
    }

    func testDeepRecursionIsAnErrorOnALargeStackThread() throws {
        let result: String = try LargeStack.run {
            let interp = Interpreter(sink: CollectingSink())
            interp.maxCallDepth = 20_000
            do {
                try interp.evaluate("fn f(n) { f(n + 1) }\nf(0)")
                return "no error"
            } catch let e as ScriptError { return e.message }
        }
        XCTAssertTrue(result.hasPrefix("stack overflow"), result)
    }

    func testInterruptionStopsALoopAndKeepsTheEnvironment() throws {
        let interp = Interpreter(sink: CollectingSink())
        try interp.evaluate("var n = 0")
        let flag = interp.interruption
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.set() }
        do {
            try interp.evaluate("while true { n += 1 }")
            XCTFail("expected interruption")
        } catch let e as ScriptError {
            XCTAssertEqual(e.kind, .interrupted)
        }
        guard case .int(let n) = try interp.evaluate("n") else { return XCTFail("n is not an Int") }
        XCTAssertGreaterThan(n, 0)
        // The next evaluation starts clean.
        XCTAssertEqual(reprString(try interp.evaluate("n > 0")), "true")
    }

    func testInterruptionIsNotCaughtByTry() throws {
        let interp = Interpreter(sink: CollectingSink())
        let flag = interp.interruption
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { flag.set() }
        XCTAssertThrowsError(try interp.evaluate("try { while true { } } catch e { 1 }")) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .interrupted)
        }
    }

    func testRandomStreamIsPerInterpreterAndSeeded() throws {
        let a = Interpreter(sink: CollectingSink()), b = Interpreter(sink: CollectingSink())
        a.seed(7)
        b.seed(7)
        let x = reprString(try a.evaluate("[random(), randint(0, 100)]"))
        XCTAssertEqual(x, reprString(try b.evaluate("[random(), randint(0, 100)]")))
        b.seed(8)
        XCTAssertNotEqual(x, reprString(try b.evaluate("[random(), randint(0, 100)]")))
    }

    func testCompletionCandidates() throws {
        let interp = Interpreter(sink: CollectingSink())
        try interp.evaluate("let losses = [1]\nlet config = {lr: 0.1, layers: 3}")
        XCTAssertEqual(interp.completions(forPrefix: "los"), ["losses"])
        XCTAssertTrue(interp.completions(forPrefix: "pr").contains("print"))
        XCTAssertTrue(interp.completions(forPrefix: "whi").contains("while"))
        XCTAssertEqual(interp.completions(forLine: "x = losses.ap"), ["losses.append"])
        XCTAssertEqual(interp.completions(forLine: "config.l"), ["config.layers", "config.lr"])
        XCTAssertTrue(interp.completions(ofMembersOf: .string("s")).contains("split"))
    }

    func testHelpAndReferenceComeFromTheTable() throws {
        let interp = Interpreter(sink: CollectingSink())
        XCTAssertTrue(interp.helpText(for: .list([])).contains("append(x)"))
        let md = interp.registry.markdownReference()
        for name in ["print", "len", "str", "int", "float", "bool", "type", "range", "enumerate", "zip", "sorted", "reversed", "sum",
                     "min", "max", "abs", "round", "floor", "ceil", "sqrt", "exp", "log", "format", "assert", "error", "time",
                     "seed", "random", "randint", "shuffle", "keys", "values", "help"] {
            XCTAssertNotNil(interp.registry.function(name), name)
            XCTAssertTrue(md.contains("`\(name)("), name)
        }
        for m in ["append", "extend", "insert", "pop", "remove", "contains", "index", "map", "filter", "reduce", "sort", "count"] {
            XCTAssertNotNil(interp.registry.method(m, of: "List"), m)
        }
        for m in ["split", "join", "upper", "lower", "strip", "replace", "starts_with", "ends_with", "contains"] {
            XCTAssertNotNil(interp.registry.method(m, of: "String"), m)
        }
    }
}

final class LiteralAndRobustnessTests: XCTestCase {
    func testParameterLiterals() {
        XCTAssertEqual(Interpreter.literalValue("20").map(reprString), "20")
        XCTAssertEqual(Interpreter.literalValue("-1e-3").map(reprString), "-0.001")
        XCTAssertEqual(Interpreter.literalValue("\"a b\"").map(reprString), "\"a b\"")
        XCTAssertEqual(Interpreter.literalValue("[192, 256]").map(reprString), "[192, 256]")
        XCTAssertEqual(Interpreter.literalValue("{hflip: true}").map(reprString), "{hflip: true}")
        XCTAssertNil(Interpreter.literalValue("/srv/CamVid"))
        XCTAssertNil(Interpreter.literalValue("1 + 2"))
        XCTAssertNil(Interpreter.literalValue("data"))
    }

    func testPathologicalProgramsAreErrorsNotCrashes() throws {
        let programs = [
            String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
            "let x = " + Array(repeating: "1", count: 20000).joined(separator: " + "),
            String(repeating: "if true { ", count: 3000) + String(repeating: "}", count: 3000),
            "print(\"\\(" + String(repeating: "\"\\(", count: 500) + "1" + String(repeating: ")\"", count: 500) + ")\")",
            "let r = -9223372036854775807..<9223372036854775807\nprint(len(r), r[-1])",
            "print([1, 2, 3][1::9223372036854775807], [1, 2, 3][::-9223372036854775807])",
            "var a = []\na.append(a)\nvar b = []\nb.append(b)\nprint(a == b, a)",
            "var a = []\na.append(a)\nprint([a] < [a])",
            "format(1.5, \"99999999999999999999999.2f\")",
            "enumerate([1], start: 9223372036854775807)",
            "let d = {}\nd.self = d\nprint(d)",
        ]
        for p in programs {
            let interp = Interpreter(sink: CollectingSink())
            do { try interp.evaluate(p) } catch let e as ScriptError { XCTAssertFalse(e.description.isEmpty) }
        }
        XCTAssertEqual(RangeBox(start: Int.min, end: Int.max, inclusive: true).count, Int.max)
    }
}

final class ScriptFileTests: XCTestCase {
    func testRunAndCheckExitStatus() throws {
        let scratch = try ScratchFolder("script")
        let dir = scratch.url
        let good = dir.appendingPathComponent("good.seg"), bad = dir.appendingPathComponent("bad.seg")
        try "let x = 1\nx + 1".write(to: good, atomically: true, encoding: .utf8)
        try "let x = (\nlet y = ]".write(to: bad, atomically: true, encoding: .utf8)
        let sink = CollectingSink()
        XCTAssertEqual(ScriptFile.run(path: good.path, sink: sink), 0)
        XCTAssertEqual(sink.text, "")   // a script does not display its last value
        XCTAssertEqual(ScriptFile.check(path: good.path), 0)
        XCTAssertEqual(ScriptFile.check(path: bad.path), 1)
        XCTAssertEqual(ScriptFile.run(path: bad.path, sink: sink), 1)
        XCTAssertEqual(ScriptFile.run(path: dir.appendingPathComponent("missing.seg").path, sink: sink), 2)
        let interp = Interpreter(sink: sink)
        try interp.evaluate("let k = 1\nvar v = 2")
        XCTAssertTrue(interp.isConstantGlobal("k"))
        XCTAssertFalse(interp.isConstantGlobal("v"))
    }
}
