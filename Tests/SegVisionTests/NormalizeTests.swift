import XCTest
import SegTensor
@testable import SegVision

final class NormalizeTests: XCTestCase {
    func testPerChannelOnImagesAndBatches() throws {
        let image = try Tensor([1, 3, 2, 4], shape: [2, 1, 2])
        XCTAssertEqual(try TestData.floats(ImageOps.normalize(image, mean: [1, 2], std: [2, 0.5])), [0, 1, 0, 4])
        let batch = try Tensor([1, 3, 2, 4], shape: [2, 2, 1, 1])
        XCTAssertEqual(try TestData.floats(ImageOps.normalize(batch, mean: [1, 2], std: [1, 1])), [0, 1, 1, 2])
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.normalize(image, mean: [1, 2, 3], std: [1, 1, 1]) }.contains("3 means"))
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.normalize(image, mean: [0, 0], std: [1, 0]) }.contains("std[1]"))
    }
}
