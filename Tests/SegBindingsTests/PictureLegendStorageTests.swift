import XCTest
@testable import SegScript
@testable import SegBindings
import SegTensor

/// A picture made from a label map keeps its class legend through the notebook cache's codec.
final class PictureLegendStorageTests: XCTestCase {
    private func picture(_ program: String) throws -> Tensor {
        try XCTUnwrap(try Seg.eval(program).asTensor)
    }

    func testOverlayAndGridKeepTheirLegendThroughTheCodec() throws {
        let labels = "let labels = tensor([[0, 3], [3, 11]], dtype: \"int32\")\n"
        for program in [labels + "image.overlay(zeros([3, 2, 2]), labels)",
                        labels + "image.colorize(labels, [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])",
                        labels + "image.grid([zeros([3, 2, 2]), labels], cols: 2)"] {
            let original = try picture(program)
            let expected = try XCTUnwrap(PictureLegends.legend(of: original), program)
            XCTAssertFalse(expected.isEmpty, program)
            let back = try XCTUnwrap(try ValueCodec.decode(try ValueCodec.encode(.tensor(original)), registry: Seg.registry).asTensor)
            XCTAssertFalse(back === original)
            XCTAssertEqual(PictureLegends.legend(of: back), expected, program)
        }
        let overlay = try picture(labels + "image.overlay(zeros([3, 2, 2]), labels)")
        XCTAssertEqual(PictureLegends.legend(of: overlay)?.map(\.name), ["Sky", "Road"], "void (11) has no legend entry")
    }

    /// What a notebook does with a cell restored from the cache: its bindings are decoded into a
    /// fresh interpreter, and a later cell shows them.
    func testAPictureMadeInOneCellAndShownAfterARestoreHasTheSameLegend() throws {
        func shownLegends(_ interpreter: Interpreter, _ sink: CollectingSink) throws -> [[LegendClass]] {
            sink.clear()
            _ = try interpreter.evaluate("show(ov)\nshow(g)", name: "show")
            return sink.items.compactMap { item -> [LegendClass]? in
                guard case .rich(let output) = item, let image = output as? ImageOutput else { return nil }
                return image.legends.first
            }
        }
        let (maker, makerSink) = Seg.interpreter()
        _ = try maker.evaluate("""
            let labels = tensor([[0, 3, 3], [8, 11, 0]], dtype: "int32")
            let ov = image.overlay(zeros([3, 2, 3]), labels)
            let g = image.grid([image.colorize(labels), labels], cols: 2)
            """, name: "make")
        let fresh = try shownLegends(maker, makerSink)
        XCTAssertEqual(fresh.map { $0.map(\.name) }, [["Sky", "Road", "Car"], ["Sky", "Road", "Car"]])
        let (restored, restoredSink) = Seg.interpreter()
        try Seg.transfer(["labels", "ov", "g"], from: maker, to: restored)
        XCTAssertEqual(try shownLegends(restored, restoredSink), fresh)
    }

    func testPlainTensorsStoreNoLegendAndOldEntriesStillRead() throws {
        let plain = try picture("zeros([3, 2, 2])")
        let encoded = try XCTUnwrap(try TensorObject(plain).encode())
        XCTAssertTrue(encoded.references.isEmpty, "a tensor not made from labels stores nothing more than before")
        let back = try XCTUnwrap(try ValueCodec.decode(try ValueCodec.encode(.tensor(plain)), registry: Seg.registry).asTensor)
        XCTAssertNil(PictureLegends.legend(of: back))
        XCTAssertEqual(back.shape, [3, 2, 2])
    }

    func testACorruptStoredLegendIsAnError() throws {
        let decode = try XCTUnwrap(Seg.registry.decoders[TensorCodec.tag])
        let bytes = try TensorCodec.encode(try Tensor(shape: [1, 1, 1]))
        for bad: Value in [.int(3), .list([.list([.string("Sky"), .int(1), .int(2)])]),
                           .list([.list([.string("Sky"), .int(1), .int(2), .int(300)])]), .list([.list([.int(1), .int(1), .int(2), .int(3)])])] {
            XCTAssertThrowsError(try decode(bytes, [bad]), "\(bad)") { error in
                XCTAssertTrue("\(error)".contains("legend"), "\(error)")
            }
        }
    }
}
