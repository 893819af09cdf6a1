import XCTest
@testable import SegCLI

final class InputContinuationTests: XCTestCase {
    /// Checks, for each input, whether the REPL waits for more lines.
    private func assertContinuation(_ cases: [(input: String, needsMore: Bool)], file: StaticString = #filePath, line: UInt = #line) {
        for (input, needsMore) in cases {
            XCTAssertEqual(InputContinuation.needsMoreInput(input), needsMore, input.debugDescription, file: file, line: line)
        }
    }

    func testOpenBracketsContinue() {
        assertContinuation([
            ("fn double(x) {", true),
            ("let xs = [1,\n  2", true),
            ("f(a,", true),
            ("fn double(x) {\n  x * 2\n}", false),
            ("let x = 1", false),
        ])
    }

    func testTrailingBinaryOperatorContinues() {
        assertContinuation([
            ("let total = a +", true),
            ("let ok = a and", true),
            ("x |>", true),
            ("let y = x //   # floor division", true),
            ("let band = 3", false),  // a name ending in 'and' is not the operator
            ("x # a comment ending with +", false),
        ])
    }

    func testBracketsInsideStringsAndCommentsDoNotCount() {
        assertContinuation([
            ("print(\"(\")", false),
            ("let s = \"{ \\\" [\"", false),
            ("x = 1 # (unclosed in comment", false),
        ])
    }

    func testInterpolationAndTripleQuotedStrings() {
        assertContinuation([
            ("print(\"loss \\(f(1)) done\")", false),
            ("let doc = \"\"\"\nfirst line", true),
            ("let doc = \"\"\"\nfirst line\n\"\"\"", false),
        ])
    }

    func testMalformedInputIsLeftToTheParser() {
        assertContinuation([
            ("f(]", false),  // a mismatched bracket is a syntax error, not more input
            (")", false),
        ])
    }

    func testScannerFindsTheOpenStringStart() {
        let scan = SourceScanner("image.read(\"data/fr")
        XCTAssertEqual(scan.openString?.start, 12)
        XCTAssertEqual(scan.openString?.triple, false)
        XCTAssertNil(SourceScanner("print(\"a\")").openString)
    }
}
