import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
import SegScript
@testable import SegNotebook

/// The report reads like a finished document: reader numbering, folding, failure link, changed
/// params, short floats, scrolling tables, captions and legends, and every chart style.
final class ReportItemsTests: XCTestCase {
    func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    func parses(_ svg: String) -> Bool { XMLParser(data: Data(svg.utf8)).parse() }

    func testCodeCellsAreNumberedAsAReaderCountsThem() throws {
        let html = ReportWriter.html(try ReportFixtures.demoResult())
        // Markdown cells 1, 4 and 6 are not counted: params [1], load [2], train [3], evaluate [4], ...
        XCTAssertEqual(matches("<span class=\"cell-number\">\\[\\d+\\]</span>", in: html).map { $0.filter(\.isNumber) },
                       ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertTrue(html.contains("id=\"cell-5\"><details class=\"code\" open><summary class=\"cell-head\""), "ids keep the file's cell numbers")
        XCTAssertTrue(html.contains("<span class=\"cell-number\">[3]</span><span class=\"cell-name\">train</span>"))
    }

    func testCodeFoldsWithoutScriptAndEchoFalseHasNothingToFold() throws {
        let html = ReportWriter.html(try ReportFixtures.demoResult())
        XCTAssertEqual(matches("<details class=\"code\" open>", in: html).count, 6)
        XCTAssertEqual(matches("<details class=\"code\" open><summary[^>]*>.*?</summary><pre class=\"code\">", in: html).count, 6)
        XCTAssertTrue(html.contains("id=\"cell-8\"><div class=\"cell-head\">"), "echo=false: a plain head")
        XCTAssertFalse(html.lowercased().contains("<script"))
    }

    func testAFailedRunLinksToTheFailingCell() throws {
        let html = ReportWriter.html(try ReportFixtures.demoResult())
        XCTAssertTrue(html.contains("<dt>Status</dt><dd>failed in <a href=\"#cell-9\">[6] broken</a></dd>"), html)
        XCTAssertTrue(html.contains("id=\"cell-9\""))
    }

    func testParamsThatDifferFromTheDefaultsAreMarked() throws {
        var result = try ReportFixtures.demoResult()
        result.parameters = [(name: "epochs", value: .int(2)), (name: "data", value: .string("data/camvid-mini"))]
        result.seed = "7"
        let html = ReportWriter.html(result)
        XCTAssertTrue(html.contains("<tr class=\"changed\"><td>epochs</td><td><code>2</code> <span class=\"changed\">changed</span></td><td><code>20</code></td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><td>data</td><td><code>&quot;data/camvid-mini&quot;</code></td><td></td></tr>"))
        XCTAssertTrue(html.contains("<dt>Seed</dt><dd>7 <span class=\"changed\" title=\"default: 0\">changed</span></dd>"))
        XCTAssertFalse(ReportWriter.html(try ReportFixtures.demoResult()).contains("class=\"changed\""))
    }

    func testDisplayedFloatsHaveAtMostSixSignificantDigitsButPrintedTextIsUntouched() throws {
        XCTAssertEqual(DisplayedNumbers.shorten("{mean: [0.39068158017517, 0.40514886379242], n: 12345678, e: 1.2345678901234567e-05}"),
                       "{mean: [0.390682, 0.405149], n: 12345678, e: 1.23457e-05}")
        XCTAssertEqual(DisplayedNumbers.shorten("[0.30000000000000004, -2.0000001, 5.0, 1e-05, 100000.0, 3.25]"),
                       "[0.3, -2.0, 5.0, 1e-05, 100000.0, 3.25]")
        XCTAssertEqual(DisplayedNumbers.shorten("{\"0.1234567891\": \"v1.23456789\", path: \"a\\\"0.123456789\"}"),
                       "{\"0.1234567891\": \"v1.23456789\", path: \"a\\\"0.123456789\"}", "quoted text stays as it is")
        XCTAssertEqual(DisplayedNumbers.shorten("<Model v1.2345678 x_0.12345678 1.2.3456789>"), "<Model v1.2345678 x_0.12345678 1.2.3456789>")
        XCTAssertEqual(DisplayedNumbers.shorten("nan inf -inf 1e308 1.7976931348623157e+308"), "nan inf -inf 1e308 1.79769e+308")

        var result = try ReportFixtures.demoResult()
        result.cells[2].outputs = [.text("0.39068158017517\n"), .value("[0.39068158017517]")]
        let html = ReportWriter.html(result)
        XCTAssertTrue(html.contains("<pre class=\"out-text\">0.39068158017517\n</pre>"))
        XCTAssertTrue(html.contains("<pre class=\"out-value\">[0.390682]</pre>"))
    }

    func testWideTablesScrollInsideTheirBox() throws {
        let columns = (0..<40).map { "column \($0)" }
        let table = OutputTable(title: "wide", columns: columns, rows: [columns.map { _ in .number(1, display: "1.0000") }])
        var markdown = MarkdownRenderer()
        let html = OutputRenderer.html(.table(table), markdown: &markdown)
        XCTAssertTrue(html.hasPrefix("<figure class=\"out-table\"><figcaption>wide</figcaption><div class=\"scroll\"><table>"), html)
        XCTAssertTrue(ReportStyle.css.contains(".scroll { overflow-x: auto; max-width: 100%; }"))
        XCTAssertTrue(ReportStyle.css.contains(".cell-md table, .out-markdown table { display: block; overflow-x: auto;"))
    }

    func testCaptionsAndLegendsUnderEachPicture() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47])
        let road = LegendEntry(name: "Road", red: 128, green: 64, blue: 128)
        let images = [OutputImage(png: png, width: 32, height: 24, caption: "frame"),
                      OutputImage(png: png, width: 32, height: 24, caption: "overlay <1>", legend: [road])]
        var markdown = MarkdownRenderer()
        let html = OutputRenderer.html(.images(images, title: "row"), markdown: &markdown)
        XCTAssertEqual(matches("<figcaption>frame</figcaption>", in: html).count, 1)
        XCTAssertTrue(html.contains("<figcaption>overlay &lt;1&gt;</figcaption><ul class=\"legend\"><li><span class=\"swatch\" style=\"background:#804080\"></span>Road</li></ul>"))
    }

    func testHeatmapIsShadedWithItsNumbers() {
        var chart = LineChart(title: "Confusion", xLabel: "predicted", yLabel: "truth",
                              series: [ChartSeries(name: "Sky", y: [0.9, 0.1]), ChartSeries(name: "Road <r>", y: [.nan, 1])])
        chart.style = .heatmap
        chart.columnLabels = ["Sky", "Road <r>"]
        let svg = ChartSVG.svg(chart)
        XCTAssertTrue(parses(svg), svg)
        XCTAssertEqual(matches("<rect ", in: svg).count, 4)
        for number in [">0.90</text>", ">0.10</text>", ">1.00</text>", ">\u{2013}</text>"] { XCTAssertTrue(svg.contains(number), number) }
        XCTAssertTrue(svg.contains("Road &lt;r&gt;") && svg.contains(">predicted</text>") && svg.contains(">truth</text>"))
        XCTAssertTrue(svg.contains("fill=\"#f3f4f6\""), "a missing value is grey")
        XCTAssertTrue(svg.contains("fill=\"#08306b\""), "the largest value is the darkest")
        // Counts print compactly.
        chart.series = [ChartSeries(name: "a", y: [12, 34_567]), ChartSeries(name: "b", y: [2_500_000, 0])]
        chart.columnLabels = ["a", "b"]
        let counts = ChartSVG.svg(chart)
        for number in [">12</text>", ">34.6k</text>", ">2.5M</text>", ">0</text>"] { XCTAssertTrue(counts.contains(number), number) }
    }

    func testEveryChartStyleDrawsExtremeDataWithoutTrapping() {
        let hostile: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 0, Double.leastNonzeroMagnitude]
        let datasets: [[Double]] = [hostile, [-1e308, 1e308], [.nan, .nan], [], [1e308, 1e308], [3, 3], [-Double.greatestFiniteMagnitude]]
        for values in datasets {
            var charts: [LineChart] = [
                LineChart(series: [ChartSeries(name: "y", y: values), ChartSeries(name: "x", x: values, y: values.indices.map(Double.init))]),
                .bars(labels: values.indices.map { "b\($0)" }, values: values),
            ]
            var points = LineChart(series: [ChartSeries(name: "p", x: values, y: values.reversed())])
            points.style = .points
            var histogram = LineChart(series: [ChartSeries(name: "count", x: values + [1], y: values)])
            histogram.style = .histogram
            var heatmap = LineChart(series: [ChartSeries(name: "r", y: values), ChartSeries(name: "s", y: values.reversed())])
            heatmap.style = .heatmap
            heatmap.columnLabels = values.indices.map { "c\($0)" }
            charts += [points, histogram, heatmap]
            for chart in charts {
                let svg = ChartSVG.svg(chart)
                XCTAssertTrue(parses(svg), "\(chart.style) \(values)")
                XCTAssertTrue(matches("=\"[^\"]*(nan|inf)[^\"]*\"", in: svg.lowercased()).isEmpty, "no non-finite coordinate: \(chart.style) \(values)")
            }
        }
        // Many points: a scatter plot samples, a line thins.
        var many = LineChart(series: [ChartSeries(name: "p", x: (0..<100_000).map { Double($0 % 977) }, y: (0..<100_000).map { Double($0 % 613) })])
        many.style = .points
        XCTAssertLessThan(ChartSVG.svg(many).utf8.count, 20 * SVGLineChart.maximumPoints + 10_000)
    }

    func testScaleOfExtremeRangesStaysFinite() {
        for (low, high) in [(-1e308, 1e308), (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude), (Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude),
                            (1e308, 1e308), (-Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude), (0, Double.leastNonzeroMagnitude * 2000)] {
            let scale = ChartScale.nice(min: low, max: high, count: 5)
            XCTAssertTrue(scale.lower.isFinite && scale.upper.isFinite && scale.upper > scale.lower, "\(low)...\(high)")
            XCTAssertFalse(scale.ticks.isEmpty)
            XCTAssertTrue(scale.ticks.allSatisfy(\.isFinite))
            for tick in scale.ticks { _ = scale.label(tick) }
            XCTAssertEqual(scale.fraction(scale.lower), 0, accuracy: 1e-9)
            XCTAssertEqual(scale.fraction(scale.upper), 1, accuracy: 1e-9)
        }
    }

    func testNewChartStylesRoundTripThroughTheCache() throws {
        var heatmap = LineChart(title: "m", xLabel: "p", yLabel: "t", series: [ChartSeries(name: "a", y: [1, 2]), ChartSeries(name: "b", y: [3, .nan])])
        heatmap.style = .heatmap
        heatmap.columnLabels = ["x", "y"]
        var histogram = LineChart(series: [ChartSeries(name: "count", x: [0, 0.5, 1], y: [3, 4])])
        histogram.style = .histogram
        var points = LineChart(series: [ChartSeries(name: "p", x: [1, 2], y: [3, 4])])
        points.style = .points
        let outputs: [CellOutput] = [.chart(heatmap), .chart(histogram), .chart(points), .chart(.bars(labels: ["a"], values: [1]))]
        var writer = ByteWriter<Data>()
        OutputCoding.write(outputs, to: &writer)
        var reader = ByteReader(writer.bytes, what: "outputs")
        let decoded = try OutputCoding.read(from: &reader)
        XCTAssertEqual(decoded.count, 4)
        guard case .chart(let back) = decoded[0] else { return XCTFail("not a chart") }
        XCTAssertEqual(back.style, .heatmap)
        XCTAssertEqual(back.columnLabels, ["x", "y"])
        XCTAssertEqual(back.series.map(\.name), ["a", "b"])
        XCTAssertEqual(Array(decoded[1...3]), Array(outputs[1...3]))
    }
}
