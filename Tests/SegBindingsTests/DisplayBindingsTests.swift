import Foundation
import SegBindings
import SegScript
import SegTensor
import XCTest
import SegTestSupport

/// show, plot, table, md and progress: what reaches the output sink.
final class DisplayBindingsTests: XCTestCase {
    func run(_ source: String) throws -> (Value, [CollectingSink.Item]) {
        let sink = CollectingSink()
        let interpreter = Interpreter(registry: Bindings.makeRegistry(), sink: sink)
        interpreter.setGlobal("mini", .string(VisionBindingsTests.mini), constant: true)
        let value = try interpreter.evaluate(SourceFile(name: "<test>", text: source))
        return (value, sink.items)
    }

    private func rich(_ items: [CollectingSink.Item]) -> [RichOutput] {
        items.compactMap { if case .rich(let r) = $0 { return r }; return nil }
    }

    func testShowPicksTheRightOutput() throws {
        let (_, items) = try run("""
            let s = camvid.load(mini, split: "val", size: [24, 32])[0]
            show(s.image, title: "frame")
            show([s.image, s.labels])
            show([{a: 1, b: 2.5}, {a: 3}])
            show(42)
            """)
        let outputs = rich(items)
        XCTAssertEqual(outputs.count, 3)
        let frame = try XCTUnwrap(outputs[0] as? ImageOutput)
        XCTAssertEqual(frame.title, "frame")
        XCTAssertEqual(frame.images.count, 1)
        let row = try XCTUnwrap(outputs[1] as? ImageOutput)
        XCTAssertEqual(row.images.map(\.shape), [[3, 24, 32], [24, 32]])
        XCTAssertEqual(row.classNames.first, "Sky", "label maps default to the CamVid classes")
        let table = try XCTUnwrap(outputs[2] as? TableOutput)
        XCTAssertEqual(table.columns, ["a", "b"])
        XCTAssertEqual(table.rows.count, 2)
        XCTAssertEqual(TableOutput.cellText(table.rows[1][1]), "—", "a missing key is a missing cell")
        guard case .value(let shown)? = items.last else { return XCTFail("show(42) displays the value") }
        XCTAssertEqual(reprString(shown), "42")
    }

    func testPlotsTablesAndMarkdown() throws {
        let (_, items) = try run("""
            plot.line([3, 2, 1], title: "loss", xlabel: "step")
            plot.lines({train: [1.0, 0.5], val: [1.2, 0.9]}, x: [1, 2])
            plot.bar(["a", "b"], [0.25, 0.75], title: "shares")
            table([[1, 2], [3]], title: "t")
            md("# Hi")
            """)
        let outputs = rich(items)
        let line = try XCTUnwrap(outputs[0] as? ChartOutput)
        XCTAssertEqual(line.series.first?.y, [3, 2, 1])
        XCTAssertEqual(line.xLabel, "step")
        let lines = try XCTUnwrap(outputs[1] as? ChartOutput)
        XCTAssertEqual(lines.series.map(\.name), ["train", "val"])
        XCTAssertEqual(lines.series[1].x, [1, 2])
        let bar = try XCTUnwrap(outputs[2] as? ChartOutput)
        XCTAssertEqual(bar.bars.map(\.label), ["a", "b"])
        XCTAssertEqual(bar.bars.map(\.value), [0.25, 0.75])
        let table = try XCTUnwrap(outputs[3] as? TableOutput)
        XCTAssertEqual(table.rows.count, 2)
        XCTAssertEqual(table.columns.count, 2)
        XCTAssertEqual((outputs[4] as? MarkdownOutput)?.text, "# Hi")
    }

    func testBarNeedsMatchingLengths() {
        assertThrowsMessage(try run("plot.bar([\"a\"], [1, 2])"), "1 labels but 2 values")
    }

    func testProgressPassesItemsThroughAndWritesNothingToTheSink() throws {
        let (value, items) = try run("var xs = []\nfor x in progress([1, 2, 3], label: \"p\") { xs.append(x * 2) }\nxs")
        XCTAssertEqual(reprString(value), "[2, 4, 6]")
        XCTAssertTrue(items.isEmpty, "progress never reaches the output")
    }

    func testTablesStoreAndRestore() throws {
        let table = TableOutput(title: "t", columns: ["class", "IoU"], rows: [[.string("Sky"), .float(0.5)], [.string("Pole"), .null]])
        let encoded = try XCTUnwrap(try table.encode())
        let restored = try XCTUnwrap(try TableOutput.decode(encoded.bytes).asObject as? TableOutput)
        XCTAssertEqual(restored.columns, ["class", "IoU"])
        XCTAssertEqual(restored.rows.map { $0.map(TableOutput.cellText) }, [["Sky", "0.5000"], ["Pole", "—"]])
    }

    func testDatasetStoresByItsParameters() throws {
        let (value, _) = try run("camvid.load(mini, split: \"val\", size: [24, 32])")
        let object = try XCTUnwrap(value.asObject)
        let encoded = try XCTUnwrap(try object.encode())
        XCTAssertEqual(encoded.tag, DatasetObject.tag)
        let restored = try XCTUnwrap(try DatasetObject.decode(encoded.bytes).asObject as? DatasetObject)
        XCTAssertEqual(restored.dataset.count, 12)
        XCTAssertEqual(restored.dataset.parameters.size?.height, 24)
        XCTAssertEqual(restored.dataset.files.count, 25, "12 frames, 12 masks and the class table")
    }
}
