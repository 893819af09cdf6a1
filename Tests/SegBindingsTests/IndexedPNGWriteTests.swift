import Foundation
import XCTest
@testable import SegScript
@testable import SegBindings
import SegTensor
import SegVision

/// `image.write` of an int32 label map: an indexed PNG whose pixel indices are the labels.
final class IndexedPNGWriteTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("segnb-indexed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// The PNG's chunks by type (the first of each), after the 8-byte signature.
    private func chunks(_ path: String) throws -> [String: [UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10])
        var found: [String: [UInt8]] = [:]
        var at = 8
        while at + 8 <= bytes.count {
            let length = bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            guard at + 8 + length <= bytes.count else { break }
            if found[type] == nil { found[type] = Array(bytes[at + 8..<at + 8 + length]) }
            at += 12 + length
        }
        return found
    }

    func testALabelMapIsWrittenAsAPaletteImageWhoseIndicesAreTheLabels() throws {
        let path = folder + "/labels.png"
        let output = try Seg.run("""
            let labels = tensor([[0, 1, 2], [2, 3, 1]], dtype: "int32")
            image.write(labels, "\(path)", palette: [[10, 20, 30], [40, 50, 60], [70, 80, 90]])
            let back = image.read_labels("\(path)")
            print(back.dtype, back.tolist(), (back == labels).all().item())
            let rgb = image.read("\(path)")
            print(rgb.shape, (rgb * 255).round().int()[:, 1, 0].tolist(), (rgb * 255).round().int()[:, 1, 1].tolist())
            """)
        XCTAssertEqual(output, "int32 [[0, 1, 2], [2, 3, 1]] true\n[3, 2, 3] [70, 80, 90] [0, 0, 0]\n",
                       "label 3, one past the palette, is void and black")
        let found = try chunks(path)
        let header = try XCTUnwrap(found["IHDR"])
        XCTAssertEqual(header[9], 3, "colour type 3: indexed")
        XCTAssertEqual(found["PLTE"], [10, 20, 30, 40, 50, 60, 70, 80, 90, 0, 0, 0], "the palette, then the void colour")
    }

    func testWithoutAPaletteTheCamVidColoursAreUsed() throws {
        let path = folder + "/camvid.png"
        let output = try Seg.run("""
            let labels = tensor([[3, 11], [0, 10]], dtype: "int32")
            image.write(labels, "\(path)")
            print(image.read_labels("\(path)").tolist())
            """)
        XCTAssertEqual(output, "[[3, 11], [0, 10]]\n")
        let palette = try XCTUnwrap(try chunks(path)["PLTE"])
        XCTAssertEqual(palette, CamVidClasses.standard.colors.flatMap { $0 } + [0, 0, 0], "CamVid's 11 colours and black for void (11)")
        XCTAssertEqual(try chunks(path)["IHDR"]?[9], 3)
    }

    func testAPaletteTensorColoursTheMapAsTheGatherDoes() throws {
        let path = folder + "/tensor-palette.png"
        let output = try Seg.run("""
            let palette = tensor([[0, 0, 0], [255, 0, 0], [0, 255, 0]], dtype: "int32")
            let labels = tensor([[2, 1], [0, 2]], dtype: "int32")
            image.write(labels, "\(path)", palette: palette)
            let shown = (image.read("\(path)") * 255).round().int()
            print((shown.permute([1, 2, 0]) == palette[labels]).all().item())
            """)
        XCTAssertEqual(output, "true\n")
    }

    func testBadLabelMapsAndPalettesAreLocatedErrors() {
        let path = folder + "/bad.png"
        let labels = "let labels = tensor([[0, 1], [5, 1]], dtype: \"int32\")\n"
        let cases: [(String, [String])] = [
            (labels + "image.write(labels, \"\(path)\", palette: [[1, 2, 3], [4, 5, 6]])",
             ["test.seg:2:", "label 5 at [1, 0] is outside the palette of 2 colours (labels 0...1 and 2 for void)"]),
            (labels + "image.write(labels - 2, \"\(path)\", palette: [[1, 2, 3], [4, 5, 6]])", ["test.seg:2:", "label -2 at [0, 0]"]),
            (labels + "image.write(labels, \"\(path)\", palette: [[1, 2], [4, 5, 6]])", ["test.seg:2:", "palette entries must be [r, g, b] lists"]),
            (labels + "image.write(labels, \"\(path)\", palette: zeros([4, 2]))", ["test.seg:2:", "palette must be a [K, 3] tensor", "[4, 2]"]),
            (labels + "image.write(labels, \"\(path)\", palette: full([6, 3], 0.5))", ["test.seg:2:", "whole numbers in 0...255, not 0.5"]),
            (labels + "image.write(labels, \"\(path)\", palette: [])", ["test.seg:2:", "palette of 1 to 256 colours, not 0"]),
            (labels + "image.write(labels, \"\(path)\", palette: \"camvid\")", ["test.seg:2:", "palette must be a List of [r, g, b] colours or a [K, 3] tensor, not String"]),
            ("image.write(zeros([3, 2, 2]), \"\(path)\", palette: [[1, 2, 3]])", ["test.seg:1:", "palette: is for int32 [H, W] label maps, not a float32 tensor of shape [3, 2, 2]"]),
            ("image.write(zeros([2, 2, 2], dtype: \"int32\"), \"\(path)\")", ["test.seg:1:", "a label map must be int32 [H, W], not shape [2, 2, 2]"]),
            ("image.write(zeros([2, 2], dtype: \"bool\"), \"\(path)\", palette: [[1, 2, 3]])", ["test.seg:1:", "palette: is for int32 [H, W] label maps, not a bool tensor"]),
        ]
        for (source, fragments) in cases {
            XCTAssertThrowsError(try Seg.run(source), source) { error in
                let message = "\(error)"
                for fragment in fragments { XCTAssertTrue(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"") }
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing is written on an error")
    }

    func testTwoHundredFiftySixColoursLeaveNoRoomForVoid() throws {
        let colors = (0..<256).map { [UInt8($0), UInt8(255 - $0), 7] }
        let labels = try Tensor(list: .list([.list([.int(255), .int(0)])]), dtype: .int32)
        let bytes = try PNGCodec.encodeIndexed(labels, palette: colors)
        XCTAssertEqual(try PNGCodec.decodeLabels(Data(bytes)).tolist(), .list([.list([.int(255), .int(0)])]))
        let void = try Tensor(list: .list([.list([.int(256)])]), dtype: .int32)
        XCTAssertThrowsError(try PNGCodec.encodeIndexed(void, palette: colors)) { error in
            XCTAssertTrue("\(error)".contains("label 256 at [0, 0] is outside the palette of 256 colours (labels 0...255)"), "\(error)")
        }
    }
}
