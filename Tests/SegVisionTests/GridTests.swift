import XCTest
import SegTensor
@testable import SegVision

final class GridTests: XCTestCase {
    func testMosaicLayoutAndCaptions() throws {
        let a = try Tensor([Float](repeating: 0, count: 3 * 2 * 3), shape: [3, 2, 3])
        let labels = try Tensor(int32: [3, 3, 3, 3, 3, 3], shape: [2, 3])
        let grey = try Tensor([Float](repeating: 0.25, count: 6), shape: [1, 2, 3])
        let grid = try ImageOps.grid([a, labels, grey], cols: 2, captions: ["frame", "truth", "grey"], padding: 1)
        XCTAssertEqual(grid.image.shape, [3, 2 * 2 + 3, 2 * 3 + 3])
        XCTAssertEqual(grid.captions, ["frame", "truth", "grey"])
        XCTAssertEqual(grid.cells[2].row, 1)
        XCTAssertEqual(grid.cells[1].left, 1 + 3 + 1)
        let v = try TestData.floats(grid.image), w = 9
        XCTAssertEqual(v[0], 1)                        // padding is white
        XCTAssertEqual(v[1 * w + 1], 0)                // first image is black
        XCTAssertEqual(v[1 * w + 5], 128 / 255)        // Road (index 3) red component
        XCTAssertEqual(v[4 * w + 1], 0.25)             // grey tile, red channel
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.grid([a], cols: 2, captions: ["x", "y"]) }.contains("2 captions"))
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.grid([], cols: 2) }.contains("no images"))
    }

    func testBatchesSplitIntoCells() throws {
        let batch = try Tensor([Float](repeating: 1, count: 4 * 3 * 2 * 2), shape: [4, 3, 2, 2])
        let grid = try ImageOps.grid([batch], cols: 3, padding: 0)
        XCTAssertEqual(grid.cells.count, 4)
        XCTAssertEqual(grid.image.shape, [3, 4, 6])
    }
}
