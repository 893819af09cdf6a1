import XCTest
@testable import SegNotebook
import SegTestSupport
import SegScript

final class SegHighlighterTests: XCTestCase {
    func testTokensGetClassesAndTextIsEscaped() {
        let html = SegHighlighter.html("let n = 1_000 # count <b>\nfor i in 0..<n { print(\"a<\\\"b\", true, x.shape) }")
        assertContains(html, [
            "<span class=\"k\">let</span>", "<span class=\"n\">1_000</span>",
            "<span class=\"c\"># count &lt;b&gt;</span>", "<span class=\"n\">0</span>..&lt;n",
            "<span class=\"f\">print</span>", "<span class=\"s\">&quot;a&lt;\\&quot;b&quot;</span>",
            "<span class=\"b\">true</span>", "<span class=\"m\">shape</span>"
        ])
    }

    func testTripleQuotedAndUnterminatedStrings() {
        XCTAssertEqual(SegHighlighter.html("\"\"\"a\n\"b\"\n\"\"\""), "<span class=\"s\">&quot;&quot;&quot;a\n&quot;b&quot;\n&quot;&quot;&quot;</span>")
        XCTAssertEqual(SegHighlighter.html("\"open\nx"), "<span class=\"s\">&quot;open</span>\nx")
        XCTAssertEqual(SegHighlighter.html("\"\\"), "<span class=\"s\">&quot;\\</span>")
    }

    func testQuotesInsideInterpolationDoNotEndTheString() {
        let html = SegHighlighter.html("print(\"mIoU \\(format(m, \".1%\")) done\") ; let x = 1")
        XCTAssertTrue(html.contains("<span class=\"s\">&quot;mIoU \\(format(m, &quot;.1%&quot;)) done&quot;</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"k\">let</span>"), html)
    }
}

final class SegHighlighterKeywordTests: XCTestCase {
    /// The highlighter reads the lexer's keyword list, so a keyword added to the language is highlighted.
    func testEveryLexerKeywordIsHighlightedAsAKeyword() {
        for keyword in Keyword.allCases {
            let expected = "<span class=\"\(keyword.isLiteral ? "b" : "k")\">\(keyword.rawValue)</span>"
            XCTAssertEqual(SegHighlighter.html(keyword.rawValue), expected, keyword.rawValue)
            XCTAssertEqual(SegHighlighter.html("(\(keyword.rawValue))"), "(\(expected))", keyword.rawValue)
        }
        XCTAssertEqual(SegHighlighter.html("letter"), "letter", "a word that starts with a keyword is not one")
    }
}
