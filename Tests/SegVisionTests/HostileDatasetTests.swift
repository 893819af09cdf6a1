import Foundation
import XCTest
import SegTestSupport
import SegTensor
@testable import SegVision

/// Sizes and label values a dataset or metric cannot honour: clear errors, never an abort.
final class HostileDatasetTests: XCTestCase {
    func testConfusionMatrixOfImpossibleSizeIsAnError() throws {
        XCTAssertTrue(thrownMessage { _ = try ConfusionMatrix(classes: 100_000) }.contains("out of memory"))
        XCTAssertTrue(thrownMessage { _ = try ConfusionMatrix(classes: 1 << 32) }.contains("too large"))
        XCTAssertTrue(thrownMessage { _ = try ConfusionMatrix(classes: Int.max) }.contains("too large"))
        XCTAssertEqual(try ConfusionMatrix(classes: 1000).counts.count, 1_000_000)
    }

    func testCamVidSizeTooLargeIsAnErrorAtTheFirstItem() throws {
        for size in [ImageSize(height: 100_000, width: 100_000), ImageSize(height: Int.max / 2, width: 4),
                     ImageSize(height: 1 << 40, width: 1 << 40)] {
            let ds = try CamVid.load(root: TestData.mini, split: "val", size: size)
            let text = thrownMessage { _ = try ds.sample(0) }
            XCTAssertTrue(text.contains("out of memory") || text.contains("too large"), "\(size): \(text)")
        }
    }

    /// A copy of the mini set's validation split whose first mask holds `value` at one pixel.
    private func datasetWithLabel(_ value: UInt8) throws -> (root: String, mask: String) {
        let root = try TestData.temporaryDirectory(self)
        let fm = FileManager.default
        for item in try fm.contentsOfDirectory(atPath: TestData.mini) where item == "val" || item == "valannot" || item.hasSuffix(".csv") || item == "val.txt" {
            try fm.copyItem(atPath: TestData.mini + "/" + item, toPath: root + "/" + item)
        }
        let ds = try CamVid.load(root: root, split: "val")
        let mask = root + "/valannot/" + ds.names[0]
        let labels = try PNGCodec.readLabels(mask)
        var bytes = try TestData.ints(labels).map { UInt8($0) }
        bytes[5 * labels.shape[1] + 7] = value
        try Data(PNGCodec.encode8(bytes, width: labels.shape[1], height: labels.shape[0], channels: 1)).write(to: URL(fileURLWithPath: mask))
        return (root, mask)
    }

    func testLabelValuesAboveTheClassCountAreAnErrorNamingTheFile() throws {
        for value: UInt8 in [12, 200, 254] {
            let (root, mask) = try datasetWithLabel(value)
            let ds = try CamVid.load(root: root, split: "val")
            let text = thrownMessage { _ = try ds.sample(0) }
            XCTAssertTrue(text.contains(mask), text)
            XCTAssertTrue(text.contains("label value \(value)"), text)
            XCTAssertTrue(text.contains("(x: 7, y: 5)"), text)
            XCTAssertTrue(text.contains("11 classes"), text)
            XCTAssertNoThrow(try ds.sample(1), "other items still load")
        }
    }

    func testVoidAnd255StayVoid() throws {
        for value: UInt8 in [11, 255] {
            let (root, _) = try datasetWithLabel(value)
            let ds = try CamVid.load(root: root, split: "val")
            let labels = try TestData.ints(ds.sample(0).labels)
            XCTAssertEqual(labels[5 * (try ds.sample(0).labels.shape[1]) + 7], 11)
        }
    }
}
