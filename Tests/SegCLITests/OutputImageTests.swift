import XCTest
import SegTensor
@testable import SegCLI
import SegNotebook

final class OutputImageTests: XCTestCase {
    func testLabelMapGetsPaletteColoursAndLegendOfPresentClasses() throws {
        let labels = try Tensor(int32: [0, 2, 2, 11], shape: [2, 2])
        let image = try OutputImage.encode(labels, caption: "truth", classNames: ["Sky", "Building", "Pole"],
                                           palette: [[128, 128, 128], [128, 0, 0], [192, 192, 128]])
        XCTAssertEqual(image.width, 2)
        XCTAssertEqual(image.height, 2)
        XCTAssertEqual(Array(image.png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(image.legend.map(\.name), ["Sky", "Pole"], "void (11) and absent classes are left out")
        XCTAssertEqual(image.legend.last.map { [$0.red, $0.green, $0.blue] }, [192, 192, 128])
    }

    func testPictureAndBadShape() throws {
        let picture = try Tensor([Float](repeating: 0.5, count: 3 * 4 * 5), shape: [3, 4, 5])
        let image = try OutputImage.encode(picture)
        XCTAssertEqual([image.width, image.height], [5, 4])
        XCTAssertThrowsError(try OutputImage.encode(try Tensor([1, 2], shape: [2])))
    }
}
