import XCTest
@testable import SegCLI

final class InputContinuationTests: XCTestCase {
    func testOpenBracketsContinue() {
        XCTAssertTrue(InputContinuation.needsMoreInput("fn double(x) {"))
        XCTAssertTrue(InputContinuation.needsMoreInput("let xs = [1,\n  2"))
        XCTAssertTrue(InputContinuation.needsMoreInput("f(a,"))
        XCTAssertFalse(InputContinuation.needsMoreInput("fn double(x) {\n  x * 2\n}"))
        XCTAssertFalse(InputContinuation.needsMoreInput("let x = 1"))
    }

    func testTrailingBinaryOperatorContinues() {
        XCTAssertTrue(InputContinuation.needsMoreInput("let total = a +"))
        XCTAssertTrue(InputContinuation.needsMoreInput("let ok = a and"))
        XCTAssertTrue(InputContinuation.needsMoreInput("x |>"))
        XCTAssertTrue(InputContinuation.needsMoreInput("let y = x //   # floor division"))
        XCTAssertFalse(InputContinuation.needsMoreInput("let band = 3"), "a name ending in 'and' is not the operator")
        XCTAssertFalse(InputContinuation.needsMoreInput("x # a comment ending with +"))
    }

    func testBracketsInsideStringsAndCommentsDoNotCount() {
        XCTAssertFalse(InputContinuation.needsMoreInput("print(\"(\")"))
        XCTAssertFalse(InputContinuation.needsMoreInput("let s = \"{ \\\" [\""))
        XCTAssertFalse(InputContinuation.needsMoreInput("x = 1 # (unclosed in comment"))
    }

    func testInterpolationAndTripleQuotedStrings() {
        XCTAssertFalse(InputContinuation.needsMoreInput("print(\"loss \\(f(1)) done\")"))
        XCTAssertTrue(InputContinuation.needsMoreInput("let doc = \"\"\"\nfirst line"))
        XCTAssertFalse(InputContinuation.needsMoreInput("let doc = \"\"\"\nfirst line\n\"\"\""))
    }

    func testMalformedInputIsLeftToTheParser() {
        XCTAssertFalse(InputContinuation.needsMoreInput("f(]"), "a mismatched bracket is a syntax error, not more input")
        XCTAssertFalse(InputContinuation.needsMoreInput(")"))
    }

    func testScannerFindsTheOpenStringStart() {
        let scan = SourceScanner("image.read(\"data/fr")
        XCTAssertEqual(scan.openString?.start, 12)
        XCTAssertEqual(scan.openString?.triple, false)
        XCTAssertNil(SourceScanner("print(\"a\")").openString)
    }
}
