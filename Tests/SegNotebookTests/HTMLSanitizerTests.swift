import XCTest
@testable import SegNotebook

final class HTMLSanitizerTests: XCTestCase {
    func render(_ markdown: String) -> String {
        var renderer = MarkdownRenderer()
        return renderer.render(markdown)
    }

    func testMarkdownRendersThroughInk() {
        let html = render("# Title\n\nSome *em* and **strong** and `code`.\n\n- a\n- b\n\n| x | y |\n| - | -: |\n| 1 | 2 |\n\n```seg\nlet a = 1 < 2\n```")
        XCTAssertTrue(html.contains("<h1 id=\"title\">Title</h1>"))
        XCTAssertTrue(html.contains("<em>em</em>") && html.contains("<strong>strong</strong>") && html.contains("<code>code</code>"))
        XCTAssertTrue(html.contains("<li>a</li>"))
        XCTAssertTrue(html.contains("<table>"))
        XCTAssertTrue(html.contains("1 &lt; 2"))
    }

    func testRawHTMLAndDangerousLinksAreNeutralised() {
        let cases = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt&#58;alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil\"></iframe>",
            "<div onclick=\"alert(1)\">x</div>",
            "```\"><script>alert(1)</script>\nx\n```",
            "![remote](https://example.com/x.png)",
            "<style>body{display:none}</style>",
            "<!-- comment --><svg onload=alert(1)>",
        ]
        for markdown in cases {
            let html = render(markdown).lowercased()
            XCTAssertFalse(html.contains("<script"), markdown)
            XCTAssertFalse(html.contains("javascript:"), markdown)
            XCTAssertFalse(html.contains("onerror="), markdown)
            XCTAssertFalse(html.contains("<iframe"), markdown)
            XCTAssertFalse(html.contains("<div"), markdown)
            XCTAssertFalse(html.contains("<style"), markdown)
            XCTAssertFalse(html.contains("<svg"), markdown)
            XCTAssertFalse(html.contains("src=\"http"), markdown)
        }
        XCTAssertTrue(render("![remote](https://example.com/x.png)").contains("[image: remote]"))
        XCTAssertTrue(render("[ok](#data)").contains("<a href=\"#data\">ok</a>"))
    }

    func testHeadingAnchorsAreUnique() {
        var renderer = MarkdownRenderer()
        _ = renderer.render("## Results\n## Results\n### Per-class IoU (val)")
        XCTAssertEqual(renderer.headings.map(\.anchor), ["results", "results-2", "per-class-iou-val"])
        XCTAssertEqual(renderer.headings.map(\.level), [2, 2, 3])
    }
}
