import XCTest
import SegTensor
@testable import SegVision

final class ColorizeTests: XCTestCase {
    let palette: [[UInt8]] = [[255, 0, 0], [0, 255, 0]]

    func testColorizeUsesThePaletteAndVoidColour() throws {
        let labels = try Tensor(int32: [0, 1, 11], shape: [1, 3])
        let rgb = try ImageOps.colorize(labels, palette: palette, voidColor: [0, 0, 255])
        XCTAssertEqual(rgb.shape, [3, 1, 3])
        XCTAssertEqual(try TestData.floats(rgb), [1, 0, 0, 0, 1, 0, 0, 0, 1])
        let batch = try ImageOps.colorize(Tensor(int32: [0, 1], shape: [2, 1, 1]), palette: palette)
        XCTAssertEqual(batch.shape, [2, 3, 1, 1])
        XCTAssertEqual(try TestData.floats(batch), [1, 0, 0, 0, 1, 0])
    }

    func testOverlayBlendsAndLeavesVoidTransparent() throws {
        let image = try Tensor([Float](repeating: 0.5, count: 6), shape: [3, 1, 2])
        let labels = try Tensor(int32: [0, 11], shape: [1, 2])
        let out = try TestData.floats(ImageOps.overlay(image, labels: labels, palette: palette, alpha: 0.5))
        XCTAssertEqual(out, [0.75, 0.5, 0.25, 0.5, 0.25, 0.5])
        let message = TestData.errorMessage { _ = try ImageOps.overlay(image, labels: Tensor(int32: [0], shape: [1, 1]), palette: palette) }
        XCTAssertTrue(message.contains("[1, 1]"), message)
    }
}
