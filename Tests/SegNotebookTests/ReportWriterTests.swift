import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SegNotebook
import SegTestSupport

final class ReportWriterTests: XCTestCase {
    func demoHTML(hostile: Bool = false) throws -> String {
        let html = ReportWriter.html(try ReportFixtures.demoResult(hostileEverywhere: hostile))
        // SEGNB_REPORT_DEMO=path keeps the report for a look in a browser.
        if let path = ProcessInfo.processInfo.environment["SEGNB_REPORT_DEMO"], !hostile {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        }
        return html
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    func testNothingLeavesThePage() throws {
        let html = try demoHTML()
        XCTAssertTrue(matches("<script", in: html).isEmpty)
        XCTAssertTrue(matches("<link", in: html).isEmpty)
        XCTAssertTrue(matches("@import|url\\(", in: html).isEmpty)
        XCTAssertTrue(matches("(src|href)\\s*=\\s*\"//", in: html).isEmpty)
        XCTAssertTrue(matches("https?:", in: html).isEmpty, "no URL at all in this report")
        let sources = matches("src=\"[^\"]*\"", in: html)
        XCTAssertEqual(sources.count, 3)
        XCTAssertTrue(sources.allSatisfy { $0.hasPrefix("src=\"data:image/png;base64,") })
        // Every image is a decodable PNG.
        for source in sources {
            let base64 = source.dropFirst("src=\"data:image/png;base64,".count).dropLast()
            let bytes = try XCTUnwrap(Data(base64Encoded: String(base64)))
            XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
    }

    func testSVGChartsAreWellFormedAndSmall() throws {
        let html = try demoHTML()
        let charts = matches("<svg.*?</svg>", in: html)
        XCTAssertEqual(charts.count, 1)
        for chart in charts {
            let parser = XMLParser(data: Data(chart.utf8))
            XCTAssertTrue(parser.parse(), "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertLessThan(chart.utf8.count, 80_000, "10k points are thinned for drawing")
            XCTAssertTrue(chart.contains(">train</text>") && chart.contains(">validation</text>"), "legend")
            XCTAssertTrue(chart.contains(">step</text>") && chart.contains(">cross-entropy</text>"), "axis labels")
        }
    }

    func testHeaderTocCellsAndStatuses() throws {
        let html = try demoHTML()
        XCTAssertTrue(html.contains("<title>CamVid semantic segmentation with a UNet</title>"))
        XCTAssertTrue(html.contains("<h1>CamVid semantic segmentation with a UNet</h1>"))
        XCTAssertEqual(matches("<h1", in: html).count, 1, "the title heading is not repeated")
        for text in ["Total time", "6 min 57 s", "Seed", "segnb 0.1", "3 ran, 2 restored from cache, 1 failed, 1 not run",
                     "<td>epochs</td><td><code>20</code></td>", "data/camvid-mini"] {
            XCTAssertTrue(html.contains(text), text)
        }
        // Table of contents entries point at heading anchors that exist.
        let links = matches("<nav class=\"toc\".*?</nav>", in: html).first.map { matches("href=\"#[^\"]+\"", in: $0) } ?? []
        XCTAssertEqual(links.count, 3)
        for link in links {
            let anchor = link.dropFirst("href=\"#".count).dropLast()
            XCTAssertTrue(html.contains("id=\"\(anchor)\""), String(anchor))
        }
        XCTAssertTrue(html.contains("ran in 6 min 52 s") && html.contains("restored from cache") && html.contains("failed after") && html.contains("not run"))
        // echo=false hides the code of the samples cell but keeps its outputs.
        XCTAssertFalse(html.contains("overlay]"))
        XCTAssertTrue(html.contains("Validation frame"))
        assertContains(html, [
            // Errors in place with location, source line and caret.
            "Error in cell 9 &quot;broken&quot;, line 32, column 15", "              ^",
            // Numbers right-aligned, missing IoU shown as a dash.
            "<td class=\"num\">0.890</td>", "<td class=\"num missing\"",
            "@media print", "<span class=\"k\">let</span>",
        ])
    }

    func testHostileTextIsEscapedEverywhere() throws {
        let html = try demoHTML(hostile: true)
        XCTAssertTrue(matches("<script", in: html).isEmpty)
        XCTAssertTrue(matches("<img[^>]*onerror", in: html).isEmpty)
        XCTAssertTrue(matches("<img src=\"x", in: html).isEmpty)
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    func testReportOfARealRunWritesToDisk() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("# Small\n%% code a\nx = 1\nchart\nimage\ntable\nmd\n")
        let (result, _) = try scratch.run(path)
        let reportPath = ReportWriter.defaultPath(forNotebook: path)
        XCTAssertTrue(reportPath.hasSuffix("nb.html"))
        try ReportWriter.write(result, to: reportPath)
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        XCTAssertTrue(html.contains("<strong>bold</strong> result"))
        XCTAssertTrue(html.contains("<h1>Small</h1>"))
    }
}
