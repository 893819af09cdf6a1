import Foundation
import SegBindings
import SegScript
import SegTensor
import XCTest
import SegTestSupport

/// Captions, class legends (with a dataset's own class names) and the chart built-ins.
final class ReportBindingsTests: XCTestCase {
    func run(_ source: String, globals: [String: String] = [:]) throws -> [RichOutput] {
        let sink = CollectingSink()
        let interpreter = Interpreter(registry: Bindings.makeRegistry(), sink: sink)
        interpreter.setGlobal("mini", .string(VisionBindingsTests.mini), constant: true)
        for (name, value) in globals { interpreter.setGlobal(name, .string(value), constant: true) }
        try interpreter.evaluate(SourceFile(name: "<test>", text: source))
        return sink.items.compactMap { if case .rich(let r) = $0 { return r }; return nil }
    }

    func failure(_ source: String) -> String {
        do { _ = try run(source); return "no error" } catch { return "\(error)" }
    }

    func expectError(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let message = failure(source)
        XCTAssertTrue(message.contains(expected), "expected \(expected), got \(message)", file: file, line: line)
    }

    /// A copy of the mini val split whose classes.csv renames the classes and recolours Road.
    func renamedDataset() throws -> (root: String, scratch: ScratchFolder) {
        let scratch = try ScratchFolder("classes")
        let root = scratch.url
        for folder in ["val", "valannot"] {
            try FileManager.default.copyItem(atPath: (VisionBindingsTests.mini as NSString).appendingPathComponent(folder),
                                             toPath: root.appendingPathComponent(folder).path)
        }
        var csv = "index,name,r,g,b\n"
        for index in 0..<11 { csv += "\(index),kind\(index),\(index == 3 ? "1,2,3" : "\(index * 20),\(index * 10),\(index * 5)")\n" }
        csv += "11,void,0,0,0\n"
        try Data(csv.utf8).write(to: root.appendingPathComponent("classes.csv"))
        return (root.path, scratch)
    }

    func testShowCaptionsEachPicture() throws {
        let outputs = try run("""
            let s = camvid.load(mini, split: "val", size: [24, 32])[0]
            show([s.image, s.labels], captions: ["frame", "truth"], title: "row")
            show(s.image, captions: "alone")
            show([s.image, s.labels], captions: [nil, "only the labels"])
            """)
        let row = try XCTUnwrap(outputs[0] as? ImageOutput)
        XCTAssertEqual(row.captions, ["frame", "truth"])
        XCTAssertEqual(row.title, "row")
        XCTAssertEqual((outputs[1] as? ImageOutput)?.captions, ["alone"])
        XCTAssertEqual((outputs[2] as? ImageOutput)?.captions, [nil, "only the labels"])
    }

    func testCaptionMistakesAreClearErrors() {
        let load = "let s = camvid.load(mini, split: \"val\", size: [24, 32])[0]\n"
        expectError(load + "show([s.image, s.labels], captions: [\"one\"])", "show(): 1 caption for 2 pictures")
        expectError(load + "show([s.image], captions: [1])", "show(): a caption must be a String, not Int")
        expectError(load + "show([s.image, s.image], captions: \"x\")", "show(): captions must be a List of Strings, one per picture, not String")
        expectError("show(42, captions: [\"x\"])", "show(): captions are for pictures, and Int is not one")
    }

    func testLabelMapsOverlaysAndGridsCarryTheirLegend() throws {
        let outputs = try run("""
            let ds = camvid.load(mini, split: "val", size: [24, 32])
            let s = ds[0]
            let predicted = tensor(s.labels.tolist(), dtype: "int32")
            show([s.image, s.labels, predicted, image.overlay(s.image, predicted, ds.palette)])
            show(image.grid([s.image, s.labels, ds[1].image, ds[1].labels], cols: 2))
            show(image.colorize(s.labels))
            """)
        let row = try XCTUnwrap(outputs[0] as? ImageOutput)
        XCTAssertEqual(row.legends.count, 4)
        XCTAssertEqual(row.legends[0], [], "a frame has no legend")
        XCTAssertFalse(row.legends[1].isEmpty)
        XCTAssertTrue(row.legends[1].contains { $0.name == "Road" && $0.color == [128, 64, 128] })
        XCTAssertEqual(row.legends[2], row.legends[1], "a prediction not from the dataset gets the same names")
        XCTAssertEqual(row.legends[3], row.legends[1], "an overlay carries the classes it shows")
        let grid = try XCTUnwrap(outputs[1] as? ImageOutput)
        XCTAssertEqual(grid.images.count, 1)
        XCTAssertTrue(grid.legends[0].count >= row.legends[1].count, "a grid carries the classes of its label maps")
        XCTAssertEqual(Set(grid.legends[0].map(\.name)).count, grid.legends[0].count, "each class once")
        XCTAssertEqual((outputs[2] as? ImageOutput)?.legends.first, row.legends[1])
    }

    func testLegendsUseTheDatasetsOwnClassNames() throws {
        let (root, scratch) = try renamedDataset()
        defer { withExtendedLifetime(scratch) {} }
        let outputs = try run("""
            let ds = camvid.load(root, split: "val", size: [24, 32])
            let s = ds[0]
            let predicted = tensor(s.labels.tolist(), dtype: "int32")
            show([s.labels, predicted, image.overlay(s.image, predicted)])
            show(image.grid([s.image, predicted], cols: 2))
            """, globals: ["root": root])
        let row = try XCTUnwrap(outputs[0] as? ImageOutput)
        for legend in row.legends {
            XCTAssertFalse(legend.isEmpty)
            XCTAssertTrue(legend.allSatisfy { $0.name.hasPrefix("kind") }, "\(legend.map(\.name))")
        }
        XCTAssertTrue(row.legends[0].contains { $0.name == "kind3" && $0.color == [1, 2, 3] })
        XCTAssertEqual(row.classNames.first, "kind0")
        let grid = try XCTUnwrap(outputs[1] as? ImageOutput)
        XCTAssertTrue(grid.legends[0].allSatisfy { $0.name.hasPrefix("kind") })
    }

    func testHistogramScatterAndHeatmap() throws {
        let outputs = try run("""
            let inf = 1e308 * 10
            let nan = inf - inf
            plot.hist([1, 2, 2, 3, 3, 3, nan, inf], bins: 3, title: "h")
            plot.scatter([1, 2, 3], [3, 1, 2], xlabel: "x", ylabel: "y")
            plot.heatmap([[8, 2], [0, 0]], xlabels: ["a", "b"], ylabels: ["A", "B"], normalize: "rows", xlabel: "predicted")
            plot.heatmap(tensor([[1, 2, 3]], dtype: "int32"))
            plot.bar(["a", "b"], [-1e308, 1e308])
            plot.line([-1e308, 1e308, nan])
            plot.hist([-1e308, 1e308, 1.7976931348623157e308], bins: 1000)
            """)
        let hist = try XCTUnwrap(outputs[0] as? ChartOutput)
        XCTAssertEqual(hist.style, .histogram)
        XCTAssertEqual(hist.series.first?.y, [1, 2, 3], "non-finite values are left out")
        for (edge, expected) in zip(hist.series.first?.x ?? [], [1, 5.0 / 3, 7.0 / 3, 3]) { XCTAssertEqual(edge, expected, accuracy: 1e-12) }
        XCTAssertEqual(hist.series.first?.x?.count, 4)
        let scatter = try XCTUnwrap(outputs[1] as? ChartOutput)
        XCTAssertEqual(scatter.style, .points)
        XCTAssertEqual(scatter.series.first?.x, [1, 2, 3])
        let heatmap = try XCTUnwrap(outputs[2] as? ChartOutput)
        XCTAssertEqual(heatmap.style, .heatmap)
        XCTAssertEqual(heatmap.columnLabels, ["a", "b"])
        XCTAssertEqual(heatmap.series.map(\.name), ["A", "B"])
        XCTAssertEqual(heatmap.series[0].y, [0.8, 0.2])
        XCTAssertTrue(heatmap.series[1].y.allSatisfy(\.isNaN), "an empty row has no shares")
        let fromTensor = try XCTUnwrap(outputs[3] as? ChartOutput)
        XCTAssertEqual(fromTensor.columnLabels, ["0", "1", "2"])
        XCTAssertEqual(fromTensor.series.first?.y, [1, 2, 3])
        let extremes = try XCTUnwrap(outputs[6] as? ChartOutput)
        XCTAssertEqual(extremes.series.first?.y.reduce(0, +), 3)
        XCTAssertTrue(extremes.series.first?.x?.allSatisfy(\.isFinite) ?? false)
    }

    func testChartMistakesAreClearErrors() {
        expectError("plot.hist([1, 2], bins: 0)", "hist(): bins must be between 1 and 1000, not 0")
        expectError("plot.scatter([1, 2], [1])", "scatter(): 2 xs but 1 ys")
        expectError("plot.heatmap([[1, 2], [3]])", "heatmap(): row 1 holds 1 number but row 0 holds 2")
        expectError("plot.heatmap([[1, 2]], xlabels: [\"a\"])", "heatmap(): xlabels holds 1 name but the matrix has 2 columns")
        expectError("plot.heatmap([[1, 2]], ylabels: [\"a\", \"b\"])", "heatmap(): ylabels holds 2 names but the matrix has 1 row")
        expectError("plot.heatmap([[1]], normalize: \"cols\")", "heatmap(): normalize must be \"none\" or \"rows\", not \"cols\"")
        expectError("plot.heatmap([])", "heatmap(): the matrix is empty")
        expectError("plot.heatmap([[\"a\"]])", "heatmap(): row 0 holds a String")
        expectError("plot.heatmap(zeros([2, 2, 2]))", "heatmap(): the matrix must be 2-D, not of shape [2, 2, 2]")
        expectError("plot.heatmap(zeros([300, 2]))", "heatmap(): a 300x2 matrix is too large to show (at most 200 rows and columns)")
    }
}
