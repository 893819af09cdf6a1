import XCTest
import SegTensor
@testable import SegVision

final class CropFlipTests: XCTestCase {
    func testCropImagesBatchesAndLabels() throws {
        let image = try Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
        let c = try ImageOps.crop(image, top: 1, left: 1, height: 2, width: 2)
        XCTAssertEqual(c.shape, [2, 2, 2])
        XCTAssertEqual(try TestData.floats(c), [5, 6, 9, 10, 17, 18, 21, 22])
        let batch = try Tensor((0..<24).map(Float.init), shape: [2, 1, 3, 4])
        XCTAssertEqual(try ImageOps.crop(batch, top: 0, left: 3, height: 3, width: 1).shape, [2, 1, 3, 1])
        let labels = try Tensor(int32: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(try TestData.ints(ImageOps.crop(labels, top: 1, left: 0, height: 1, width: 2)), [4, 5])
        let message = TestData.errorMessage { _ = try ImageOps.crop(image, top: 2, left: 0, height: 2, width: 2) }
        XCTAssertTrue(message.contains("top 2") && message.contains("[2, 3, 4]"), message)
    }

    func testHflip() throws {
        let image = try Tensor([1, 2, 3, 4, 5, 6], shape: [1, 2, 3])
        XCTAssertEqual(try TestData.floats(ImageOps.hflip(image)), [3, 2, 1, 6, 5, 4])
        let labels = try Tensor(int32: [1, 2, 3, 4], shape: [1, 2, 2])
        XCTAssertEqual(try TestData.ints(ImageOps.hflip(labels)), [2, 1, 4, 3])
        XCTAssertEqual(try TestData.floats(ImageOps.hflip(ImageOps.hflip(image))), try TestData.floats(image))
    }
}
