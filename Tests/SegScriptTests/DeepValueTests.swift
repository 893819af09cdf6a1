import XCTest
@testable import SegScript
import SegTestSupport

/// Values nested 100,000 deep and very long expressions, on XCTest's ordinary 8 MB main-thread
/// stack: every walk over them must iterate, so these tests crash if one recurses again.
final class DeepValueTests: XCTestCase {
    private static let depth = 100_000

    private func deepList(_ depth: Int = DeepValueTests.depth, bottom: Value = .list([])) -> Value {
        var value = bottom
        for _ in 0..<depth { value = .list([value]) }
        return value
    }

    private func deepDict(_ depth: Int = DeepValueTests.depth) -> Value {
        var value = Value.dict([])
        for i in 0..<depth { value = .dict([("k", value), ("i", .int(i))]) }
        return value
    }

    func testFreeingDeepListsAndDictsDoesNotRecurse() {
        var list: Value? = deepList()
        var dict: Value? = deepDict(50_000)
        var mixed = Value.null
        for i in 0..<50_000 { mixed = i % 2 == 0 ? .list([mixed]) : .dict([("x", mixed)]) }
        list = nil
        dict = nil
        mixed = .null
        XCTAssertNil(list)
        XCTAssertNil(dict)
    }

    func testFreeingKeepsSharedInnerContainers() throws {
        let shared = Value.list([.int(1), .int(2)])
        var outer: Value? = .list([.list([shared]), shared])
        outer = nil
        XCTAssertNil(outer)
        XCTAssertEqual(shared.asList?.count, 2, "a list still referenced elsewhere keeps its items")
    }

    func testFingerprintOfDeepValuesSeesAChangeAtTheBottom() throws {
        let bottom = ListBox([])
        var value = Value.list(bottom)
        for _ in 0..<DeepValueTests.depth { value = .list([value]) }
        let before = Interpreter.fingerprint(value)
        XCTAssertEqual(before, Interpreter.fingerprint(value))
        bottom.mutate { $0.append(.int(1)) }
        XCTAssertNotEqual(before, Interpreter.fingerprint(value), "a change 100,000 levels down shows")
        _ = Interpreter.fingerprint(deepDict(20_000))
    }

    func testEqualityOfDeepListsIsTrueOrFalseByContent() {
        XCTAssertTrue(valuesEqual(deepList(), deepList()))
        XCTAssertFalse(valuesEqual(deepList(20_000), deepList(20_000, bottom: .list([.int(1)]))))
        XCTAssertFalse(valuesEqual(deepList(20_000), deepList(19_999)))
        XCTAssertTrue(valuesEqual(deepDict(20_000), deepDict(20_000)))
        XCTAssertTrue(valuesEqual(.list([.int(1), .float(2)]), .list([.float(1), .int(2)])))
    }

    func testEqualityOfSelfContainingListsTerminates() {
        let a = ListBox([.int(1)]), b = ListBox([.int(1)])
        a.mutate { $0.append(.list(a)) }
        b.mutate { $0.append(.list(b)) }
        XCTAssertTrue(valuesEqual(.list(a), .list(b)))
        let c = ListBox([.int(2)])
        c.mutate { $0.append(.list(c)) }
        XCTAssertFalse(valuesEqual(.list(a), .list(c)))
        // Break the cycles so the boxes are freed.
        for box in [a, b, c] { box.mutate { $0.removeAll() } }
    }

    func testPrintingElidesPastFiftyLevels() {
        let text = reprString(deepList())
        XCTAssertTrue(text.hasPrefix(String(repeating: "[", count: 51) + "[...]"), String(text.prefix(80)))
        XCTAssertEqual(text.count, 51 * 2 + 5)
        XCTAssertEqual(printString(deepDict(3)), "{k: {k: {k: {}, i: 0}, i: 1}, i: 2}")
    }

    func testStoringADeepValueIsARefusalNotACrash() {
        XCTAssertThrowsError(try ValueCodec.encode(deepList())) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .notStorable)
            XCTAssertTrue("\(error)".contains("nested more than"), "\(error)")
        }
    }

    func testLongChainsAreNotNesting() throws {
        let interp = Interpreter(sink: CollectingSink())
        let sum = "1" + String(repeating: " + 1", count: 9_999)
        let calls = "\"a\"" + String(repeating: ".upper().lower()", count: 2_500)
        let results: [String] = try LargeStack.run {
            [reprString(try interp.evaluate(sum)), reprString(try interp.evaluate(calls)),
             reprString(try interp.evaluate("let xs = [1]\nxs" + String(repeating: "[0:1]", count: 3_000)))]
        }
        XCTAssertEqual(results, ["10000", "\"a\"", "[1]"])
        XCTAssertTrue(try LargeStack.run { Interpreter.check(SourceFile(name: "s", text: sum)) }.isEmpty)
    }

    func testRealNestingIsStillLimitedWithALocatedError() {
        for text in [String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000),
                     String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000),
                     String(repeating: "-", count: 5_000) + "1",
                     "let f = " + String(repeating: "fn() { ", count: 3_000) + "1" + String(repeating: " }", count: 3_000)] {
            let diagnostics = Interpreter.check(SourceFile(name: "deep.seg", text: text))
            XCTAssertTrue(diagnostics.contains { $0.message.contains("nested too deeply") }, "\(diagnostics.first.map { "\($0)" } ?? "no error")")
            XCTAssertEqual(diagnostics.first?.range?.line, 1)
        }
    }

    func testNestingAndChainsCombine() throws {
        // 900 levels of real nesting, each holding a chain: fine; the chains do not add up.
        let inner = "1" + String(repeating: " + 1", count: 50)
        let text = String(repeating: "[", count: 150) + inner + String(repeating: "]", count: 150)
        let diagnostics = Interpreter.check(SourceFile(name: "s", text: text))
        XCTAssertTrue(diagnostics.isEmpty, "\(diagnostics)")
    }

    func testLineEndsOfEveryConvention() throws {
        for separator in ["\n", "\r\n", "\r"] {
            let interp = Interpreter(sink: CollectingSink())
            let text = ["let a = 1", "let b = a + 1", "b * 10"].joined(separator: separator)
            XCTAssertEqual(reprString(try interp.evaluate(text)), "20", "separator \(separator.debugDescription)")
            let diagnostics = Interpreter.check(SourceFile(name: "s", text: ["let a = 1", "let = 2"].joined(separator: separator)))
            XCTAssertEqual(diagnostics.first?.range?.line, 2, "separator \(separator.debugDescription)")
        }
    }

    func testRoundWithDigitsFollowsPython() throws {
        let interp = Interpreter(sink: CollectingSink())
        let cases: [(String, String)] = [
            ("round(1.5, 1000)", "1.5"), ("round(1.5, 324)", "1.5"), ("round(2.675, 2)", "2.67"),
            ("round(1.25, 1)", "1.2"), ("round(0.5, 0)", "0.0"), ("round(1.5, 0)", "2.0"),
            ("round(1234.5, -2)", "1200.0"), ("round(1.5, -1000)", "0.0"), ("round(-1.5, -400)", "-0.0"),
            ("round(1234, -2)", "1200"), ("round(1250, -2)", "1200"), ("round(1350, -2)", "1400"),
            ("round(-1250, -2)", "-1200"), ("round(-1251, -2)", "-1300"), ("round(1234, 2)", "1234"),
            ("round(9223372036854775807, -30)", "0"), ("round(5, -1)", "0"), ("round(15, -1)", "20"),
        ]
        for (source, expected) in cases {
            XCTAssertEqual(reprString(try interp.evaluate(source)), expected, source)
        }
        assertThrowsMessage(try interp.evaluate("round(9223372036854775807, -1)"), "does not fit in an Int")
        assertThrowsMessage(try interp.evaluate("round(1.7e308, -308)"), "too large")
    }
}
