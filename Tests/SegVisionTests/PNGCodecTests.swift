import XCTest
import SegTensor
@testable import SegVision

final class PNGCodecTests: XCTestCase {
    let width = 5, height = 4

    /// The formula make_vision_fixtures.py wrote the samples with.
    func value(_ x: Int, _ y: Int, _ c: Int, bits: Int) -> Int {
        let v = (x * 37 + y * 11 + c * 53 + 7) % 256
        return bits == 16 ? v * 257 - (x + y + c) % 3 : v
    }

    func testReadsEveryColourTypeAndDepth() throws {
        for (name, channels) in [("grey", 1), ("greyalpha", 2), ("rgb", 3), ("rgba", 4)] {
            for bits in [8, 16] {
                let path = TestData.fixture("png/\(name)\(bits).png")
                let colour = channels >= 3 ? 3 : 1
                let image = try PNGCodec.readImage(path)
                XCTAssertEqual(image.shape, [colour, height, width], path)
                XCTAssertEqual(image.dtype, .float32)
                let withAlpha = try PNGCodec.readImage(path, keepAlpha: true)
                XCTAssertEqual(withAlpha.shape, [channels, height, width], path)
                let values = try TestData.floats(withAlpha)
                let maxValue = Float(bits == 16 ? 65535 : 255)
                for c in 0..<channels {
                    for y in 0..<height {
                        for x in 0..<width {
                            var expected = Float(value(x, y, c, bits: bits)) / maxValue
                            if c == channels - 1 && channels % 2 == 0 {
                                expected = (x + y) % 2 == 1 ? (bits == 8 ? 128 : 32768) / maxValue : 1
                            }
                            // 16-bit colour under partial alpha goes through libpng's premultiply and back.
                            let tolerance: Float = bits == 16 && channels % 2 == 0 ? 3 / 65535 : 1e-6
                            XCTAssertEqual(values[(c * height + y) * width + x], expected, accuracy: tolerance, "\(path) c\(c) y\(y) x\(x)")
                        }
                    }
                }
            }
        }
    }

    func testLabelsFromGreyPaletteAndSubByteGrey() throws {
        let grey = try TestData.ints(PNGCodec.readLabels(TestData.fixture("png/grey8.png")))
        XCTAssertEqual(grey[7], Int32(value(2, 1, 0, bits: 8)))
        let grey16 = try TestData.ints(PNGCodec.readLabels(TestData.fixture("png/grey16.png")))
        XCTAssertEqual(grey16[7], Int32(value(2, 1, 0, bits: 16)))
        let palette = try PNGCodec.readLabels(TestData.fixture("png/palette.png"))
        XCTAssertEqual(palette.shape, [height, width])
        XCTAssertEqual(try TestData.ints(palette), (0..<height).flatMap { y in (0..<width).map { x in Int32((x + 2 * y) % 6) } })
        let grey4 = try TestData.ints(PNGCodec.readLabels(TestData.fixture("png/grey4.png")))
        XCTAssertEqual(grey4, (0..<height).flatMap { y in (0..<width).map { x in Int32((x * 3 + y) % 16) } })
        // A palette image read as a picture expands the palette colours.
        let picture = try TestData.floats(PNGCodec.readImage(TestData.fixture("png/palette.png")))
        XCTAssertEqual(picture[1], 200 / 255, accuracy: 1e-6)  // pixel (0, 1) is index 1 = (200, 0, 0)
    }

    func testRGBLabelsNeedAColourTable() throws {
        let message = TestData.errorMessage { _ = try PNGCodec.readLabels(TestData.fixture("png/rgb8.png")) }
        XCTAssertTrue(message.contains("rgb8.png") && message.contains("colour table"), message)
    }

    func testCorruptTruncatedMissingAndNonPNGFilesAreErrorsNamingThePath() throws {
        for file in ["truncated.png", "corrupt.png", "notpng.png", "missing.png"] {
            let path = TestData.fixture("png/\(file)")
            let message = TestData.errorMessage { _ = try PNGCodec.readImage(path) }
            XCTAssertTrue(message.contains(path), message)
            let labels = TestData.errorMessage { _ = try PNGCodec.readLabels(path) }
            XCTAssertTrue(labels.contains(path), labels)
        }
        XCTAssertTrue(TestData.errorMessage { _ = try PNGCodec.decodeImage(Data([137, 80, 78, 71]), name: "x") }.contains("not a PNG"))
    }

    func testEncodeRoundTripsFloatImagesAndLabels() throws {
        for channels in [1, 2, 3, 4] {
            let values = (0..<(channels * 6 * 7)).map { Float(($0 * 29) % 256) / 255 }
            let image = try Tensor(values, shape: [channels, 6, 7])
            let bytes = try PNGCodec.encode(image)
            XCTAssertEqual(Array(bytes.prefix(4)), [137, 80, 78, 71])
            let back = try PNGCodec.decodeImage(Data(bytes), keepAlpha: true)
            XCTAssertEqual(back.shape, [channels, 6, 7])
            XCTAssertEqual(try TestData.floats(back), values)
        }
        let clamped = try PNGCodec.decodeImage(Data(PNGCodec.encode(Tensor([-1, 0.5, 2, .nan], shape: [1, 2, 2]))))
        XCTAssertEqual(try TestData.floats(clamped), [0, 128 / 255, 1, 0])
        let labels = try Tensor(int32: [0, 1, 11, 255, 7, 3], shape: [2, 3])
        let dir = try TestData.temporaryDirectory(self)
        try PNGCodec.write(labels, to: dir + "/labels.png")
        XCTAssertEqual(try TestData.ints(PNGCodec.readLabels(dir + "/labels.png")), [0, 1, 11, 255, 7, 3])
    }

    func testEncodeRejectsBadInput() throws {
        XCTAssertTrue(TestData.errorMessage { _ = try PNGCodec.encode(Tensor(int32: [300], shape: [1, 1])) }.contains("300"))
        XCTAssertTrue(TestData.errorMessage { _ = try PNGCodec.encode(Tensor(shape: [5, 2, 2])) }.contains("5 channels"))
        XCTAssertTrue(TestData.errorMessage { _ = try PNGCodec.encode(Tensor(shape: [4])) }.contains("[4]"))
        let bad = TestData.errorMessage { try PNGCodec.write(Tensor(shape: [1, 2, 2]), to: "/nonexistent-dir/x.png") }
        XCTAssertTrue(bad.contains("/nonexistent-dir/x.png"), bad)
    }
}
