import Foundation
import SegBindings
import SegNotebook
import SegScript
import SegTensor
import XCTest
@testable import SegCLI

/// The bindings' rich outputs as notebook cell outputs.
final class RichOutputConversionTests: XCTestCase {
    func testImagesBecomePNGsWithALegend() throws {
        let labels = try Tensor(int32: [0, 3, 3, 11], shape: [2, 2])
        let picture = try Tensor([Float](repeating: 0.5, count: 12), shape: [3, 2, 2])
        let output = ImageOutput(images: [picture, labels], captions: [nil, "truth"], title: "row",
                                 palette: [[128, 128, 128], [1, 1, 1], [2, 2, 2], [128, 64, 128]], classNames: ["Sky", "B", "P", "Road"])
        guard case .images(let images, let title)? = RichOutputConversion.convert(output) else { return XCTFail("images expected") }
        XCTAssertEqual(title, "row")
        XCTAssertEqual(images.count, 2)
        XCTAssertEqual(Array(images[0].png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(images[1].caption, "truth")
        XCTAssertEqual(images[1].legend.map(\.name), ["Sky", "Road"], "void is not in the legend")
    }

    func testChartsTablesAndMarkdown() throws {
        let line = ChartOutput(series: [.init(name: "loss", x: nil, y: [1, 0.5])], title: "t", xLabel: "step", yLabel: nil)
        guard case .chart(let chart)? = RichOutputConversion.convert(line) else { return XCTFail("chart expected") }
        XCTAssertEqual(chart.series.first?.y, [1, 0.5])
        XCTAssertNil(chart.barLabels)
        let bar = ChartOutput(bars: [(label: "a", value: 2)], title: nil, xLabel: nil, yLabel: "share")
        guard case .chart(let bars)? = RichOutputConversion.convert(bar) else { return XCTFail("bar chart expected") }
        XCTAssertEqual(bars.barLabels, ["a"])
        let table = TableOutput(title: "m", columns: ["class", "IoU", "n"], rows: [[.string("Sky"), .float(0.25), .int(3)], [.string("Pole"), .null, .int(0)]])
        guard case .table(let t)? = RichOutputConversion.convert(table) else { return XCTFail("table expected") }
        XCTAssertEqual(t.rows[0], [.text("Sky"), .number(0.25, display: "0.2500"), .number(3, display: "3")])
        XCTAssertEqual(t.rows[1][1], .missing)
        XCTAssertEqual(RichOutputConversion.convert(MarkdownOutput("# x")), .markdown("# x"))
    }
}
