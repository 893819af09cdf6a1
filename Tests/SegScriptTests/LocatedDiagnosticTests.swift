import XCTest
@testable import SegScript

/// The one caret renderer: hand-written underlines for the lines that trip renderers up.
final class LocatedDiagnosticTests: XCTestCase {
    private func underline(_ line: String, _ column: Int, _ length: Int = 1) -> String {
        CaretUnderline.underline(line: line, column: column, length: length)
    }

    func testHeadlineSourceLineAndUnderline() {
        let diagnostic = LocatedDiagnostic(message: "unknown name 'nope'", source: "a.seg", line: 3, column: 5, length: 4,
                                           sourceLine: "let nope", notes: ["f (a.seg, line 9)"])
        XCTAssertEqual(diagnostic.description, "a.seg:3:5: error: unknown name 'nope'\n    let nope\n        ^~~~\n  in f (a.seg, line 9)")
    }

    func testHeadlineWithoutPlace() {
        XCTAssertEqual(LocatedDiagnostic(message: "m", source: "").description, "error: m")
        XCTAssertEqual(LocatedDiagnostic(message: "m", source: "cell 2").description, "cell 2: error: m")
        XCTAssertEqual(LocatedDiagnostic(message: "m", source: "f", line: 4, sourceLine: "x").description, "f:4: error: m\n    x")
    }

    func testTabsAreKeptSoTheCaretLinesUpUnderTabIndentedCode() {
        XCTAssertEqual(underline("\t\tx + y", 5, 1), "\t\t  ^")
        XCTAssertEqual(underline("a\tb", 3), " \t^", "a tab before the column stays a tab")
        XCTAssertEqual(underline("a\tbc", 2, 2), " ^~", "a tab inside the span is one tilde")
    }

    func testWideAndMultibyteCharacters() {
        // 日本 are two columns each in a terminal; é is one scalar, one column.
        XCTAssertEqual(underline("\"日本\" + x", 8), String(repeating: " ", count: 9) + "^")
        XCTAssertEqual(underline("日本語", 2, 2), "  ^~~~", "a wide span is underlined over both its columns")
        XCTAssertEqual(underline("café + x", 8), String(repeating: " ", count: 7) + "^")
        // e + combining acute: two scalars, one column.
        XCTAssertEqual(underline("cafe\u{301} + x", 9), String(repeating: " ", count: 7) + "^")
    }

    func testColumnPastTheEndOfTheLine() {
        XCTAssertEqual(underline("ab", 3, 5), "  ^", "just after the last character")
        XCTAssertEqual(underline("ab", 6), "     ^", "one blank per missing column")
        XCTAssertEqual(underline("", 1), "^")
        XCTAssertEqual(underline("ab", Int.max, Int.max).count, 2 + 256 + 1, "a damaged column is bounded")
        XCTAssertEqual(underline("ab", 0), "^", "columns start at 1")
    }

    func testSpanRunningToTheEndOfTheLineIsCutThere() {
        XCTAssertEqual(underline("x = [1, 2", 5, 40), "    ^~~~~")
        XCTAssertEqual(underline("x = [1, 2", 5, Int.max), "    ^~~~~")
    }

    func testCRLFSources() throws {
        XCTAssertEqual(CaretUnderline.line(2, of: "a\r\nbad line\r\nc"), "bad line")
        XCTAssertEqual(CaretUnderline.line(2, of: "a\rb\rc"), "b", "a lone CR ends a line too")
        XCTAssertNil(CaretUnderline.line(4, of: "a\r\nb"))
        let raw = LocatedDiagnostic(message: "m", source: "s", line: 1, column: 3, length: 3, sourceLine: "x = yes\r\n")
        XCTAssertEqual(raw.excerpt, ["x = yes", "  ^~~"])
        // The interpreter's own diagnostic on a CR LF file: the quoted line has no CR.
        let interpreter = Interpreter()
        XCTAssertThrowsError(try interpreter.evaluate("let a = 1\r\nlet b = a + nope\r\n", name: "w.seg")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("w.seg:2:13: error: unknown name 'nope'\n    let b = a + nope\n                ^~~~"), text)
            XCTAssertFalse(text.contains("\r"), text)
        }
    }

    func testTheInterpretersDiagnosticUnderlinesItsSpan() throws {
        let interpreter = Interpreter()
        XCTAssertThrowsError(try interpreter.evaluate("\tlet s = \"日本\" + nope", name: "t.seg")) { error in
            guard let located = (error as? ScriptError)?.diagnostics.first?.located else { return XCTFail("\(error)") }
            XCTAssertEqual(located.line, 1)
            XCTAssertEqual(located.column, 17)
            XCTAssertEqual(located.length, 4)
            XCTAssertEqual(located.excerpt.last, "\t" + String(repeating: " ", count: 17) + "^~~~")
        }
    }
}
