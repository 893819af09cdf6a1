import XCTest
@testable import SegNotebook
import SegTestSupport

final class MarkdownRendererTests: XCTestCase {
    func render(_ markdown: String) -> String {
        var renderer = MarkdownRenderer()
        return renderer.render(markdown)
    }

    func testMarkdownRendersWithGitHubExtensions() {
        let html = render("# Title\n\nSome *em* and **strong** and `code` and ~~gone~~.\n\n- a\n- b\n\n| x | y |\n| - | -: |\n| 1 | 2 |\n\n"
                          + "```seg\nlet a = 1 < 2\n```\n\n- [x] done\n- [ ] todo\n\nsee www.example.com")
        XCTAssertTrue(html.contains("<h1 id=\"title\">Title</h1>"), html)
        XCTAssertTrue(html.contains("<em>em</em>") && html.contains("<strong>strong</strong>") && html.contains("<code>code</code>"))
        XCTAssertTrue(html.contains("<del>gone</del>"), html)
        XCTAssertTrue(html.contains("<li>a</li>"))
        XCTAssertTrue(html.contains("<table>") && html.contains("<td align=\"right\">2</td>"), html)
        XCTAssertTrue(html.contains("1 &lt; 2"))
        XCTAssertTrue(html.contains("type=\"checkbox\"") && html.contains("checked"), html)
        XCTAssertTrue(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"), html)
    }

    func testRawHTMLAndDangerousLinksAreNeutralised() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt&#58;alert(1))",
            "[click](vbscript:msgbox)",
            "[click](file:///etc/passwd)",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil\"></iframe>",
            "<div onclick=\"alert(1)\">x</div>",
            "```\"><script>alert(1)</script>\nx\n```",
            "`<script>alert(1)</script>`",
            "![remote](https://example.com/x.png)",
            "![x](javascript:alert(1))",
            "<style>body{display:none}</style>",
            "<!-- comment --><svg onload=alert(1)>",
            "| a |\n| - |\n| <script>alert(1)</script> |",
            "- [ ] <script>alert(1)</script>",
            "# <script>alert(1)</script>",
        ]
        for markdown in cases {
            let html = render(markdown).lowercased()
            assertLacks(html, [
                "<script", "javascript:", "vbscript:", "file:", "data:text", "onerror=", "<iframe", "<div", "<style",
                "<svg", "src=\"http"
            ])
        }
        // An autolink to a script scheme stays readable text, never a link.
        let autolink = render("<javascript:alert(1)>")
        XCTAssertFalse(autolink.contains("<a"), autolink)
        XCTAssertTrue(autolink.contains("javascript:alert(1)"), autolink)
        XCTAssertTrue(render("![remote](https://example.com/x.png)").contains("<em>[image: remote]</em>"))
        XCTAssertTrue(render("[click](javascript:alert(1))").contains("<p>click</p>"), "a refused link keeps its text")
        XCTAssertTrue(render("[ok](#data)").contains("<a href=\"#data\">ok</a>"))
        XCTAssertTrue(render("[ok](https://example.com/a?b=1&c=2)").contains("<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>"))
        XCTAssertTrue(render("![dot](data:image/png;base64,iVBORw0KGgo=)").contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\""))
    }

    func testNestedImagesAreReplacedInnermostFirst() {
        // Freeing the outer picture freed the inner one before its turn (found by the fuzzer).
        let html = render("![![a](b)](c) and ![x ![y ![z](p)](q)](r)")
        XCTAssertTrue(html.contains("[image: [image: a]]"), html)
        XCTAssertTrue(html.contains("[image: x [image: y [image: z]]]"), html)
        XCTAssertFalse(html.contains("<img"), html)
    }

    func testHeadingAnchorsAreUniqueAcrossTexts() {
        var renderer = MarkdownRenderer()
        _ = renderer.render("## Results\n## Results\n### Per-class IoU (val)")
        let second = renderer.render("Results\n=======\n\n## `code` & *more*")
        XCTAssertEqual(renderer.headings.map(\.anchor), ["results", "results-2", "per-class-iou-val", "results-3", "code-more"])
        XCTAssertEqual(renderer.headings.map(\.level), [2, 2, 3, 1, 2])
        XCTAssertEqual(renderer.headings.last?.text, "code & more")
        XCTAssertTrue(second.contains("<h1 id=\"results-3\">Results</h1>"), second)
        XCTAssertTrue(second.contains("<h2 id=\"code-more\"><code>code</code> &amp; <em>more</em></h2>"), second)
    }

    func testManyEqualHeadingsGetAnchorsQuickly() {
        var renderer = MarkdownRenderer()
        let start = Date()
        _ = renderer.render(String(repeating: "# Same\n", count: 5000))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(Set(renderer.headings.map(\.anchor)).count, 5000)
    }

    /// Ink took exponential time on these (30 brackets did not finish in 40 s; 10,000 crashed).
    func testBacktrackingBracketsRenderQuickly() {
        let nested = "see " + (1...28).map { "[\($0)" }.joined(separator: " ")
        let cases = [String(repeating: "[", count: 30), String(repeating: "![", count: 30), String(repeating: "*[", count: 30), nested,
                     String(repeating: "[", count: 10_000), String(repeating: "![", count: 10_000), String(repeating: "*[", count: 10_000),
                     String(repeating: "[a](", count: 5_000), String(repeating: "<", count: 10_000), String(repeating: "_a*", count: 10_000)]
        for markdown in cases {
            let start = Date()
            let html = render(markdown)
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, String(markdown.prefix(40)))
            XCTAssertTrue(html.hasPrefix("<p>"), String(markdown.prefix(40)))
        }
    }

    func testOverlongMarkdownIsShownAsEscapedPlainText() {
        let markdown = "<script>x</script> " + String(repeating: "![[]()", count: 20_000)
        XCTAssertGreaterThan(markdown.utf8.count, MarkdownRenderer.maximumBytes)
        let start = Date()
        let html = render(markdown)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertTrue(html.contains("shown as plain text"))
        XCTAssertTrue(html.contains("<pre class=\"md-plain\">&lt;script&gt;x&lt;/script&gt;"))
    }

    func testMarkdownThatOutlastsTheTimeLimitIsShownAsPlainText() {
        // cmark-gfm 0.29.0.gfm.6 is polynomial on crossed image brackets; a tiny limit stands in for a slow one.
        var renderer = MarkdownRenderer()
        renderer.timeLimit = 0.001
        let html = renderer.render("# Heading\n" + String(repeating: "![[]()", count: 8_000))
        XCTAssertTrue(html.contains("took too long"), String(html.prefix(200)))
        XCTAssertTrue(renderer.headings.isEmpty)
    }

    func testNulAndInvalidBytesDoNotEndTheText() {
        let html = render("a\u{0}b **c**")
        XCTAssertTrue(html.contains("<strong>c</strong>"), html)
        XCTAssertEqual(render(""), "")
    }

    func testLeadingRuleIsKept() {
        XCTAssertTrue(render("---\ntext").contains("<hr />"))
    }
}
