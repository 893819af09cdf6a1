import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SegNotebook

final class SVGLineChartTests: XCTestCase {
    func testNiceTicks() {
        let scale = ChartScale.nice(min: 0.23, max: 2.61, count: 5)
        XCTAssertEqual(scale.step, 0.5)
        XCTAssertEqual(scale.ticks, [0, 0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual(scale.label(1.5), "1.5")
        let big = ChartScale.nice(min: 0, max: 9999, count: 8)
        XCTAssertEqual(big.step, 2000)
        XCTAssertEqual(big.label(4000), "4000")
        let flat = ChartScale.nice(min: 3, max: 3, count: 5)
        XCTAssertLessThan(flat.lower, 3)
        XCTAssertGreaterThan(flat.upper, 3)
    }

    func testDownsamplingKeepsExtremesAndBoundsPointCount() {
        var y = (0..<10_000).map { Double($0 % 100) / 100 }
        y[5_555] = 50
        y[7_777] = -50
        let points = ChartDownsampler.thin(x: y.indices.map(Double.init), y: y, pixels: 500)
        XCTAssertLessThanOrEqual(points.count, 500 * 4)
        XCTAssertTrue(points.contains { $0.1 == 50 })
        XCTAssertTrue(points.contains { $0.1 == -50 })
        XCTAssertEqual(points.first?.0, 0)
        XCTAssertEqual(points.last?.0, 9_999)
        XCTAssertEqual(points.map(\.0), points.map(\.0).sorted())
    }

    func testGapsAndEscapedLabels() {
        let chart = LineChart(title: "a<b", xLabel: "x & y", yLabel: "\"q\"", series: [ChartSeries(name: "<s>", y: [1, .nan, 3, 4]), ChartSeries(name: "one", y: [2])])
        let svg = SVGLineChart.svg(chart)
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        XCTAssertTrue(svg.contains("&lt;s&gt;") && svg.contains("x &amp; y"))
        // The NaN splits the line into two sub-paths.
        XCTAssertEqual(svg.components(separatedBy: "M").count - 1, 2)
        XCTAssertTrue(svg.contains("<circle"))
    }
}
