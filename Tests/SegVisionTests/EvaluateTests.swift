import XCTest
import SegTensor
@testable import SegVision

final class EvaluateTests: XCTestCase {
    func testPerfectModelScoresOneAndRunsWithoutGrad() throws {
        let ds = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: 24, width: 32))
        var prepared = false, batches = 0, gradSeen = false
        // A "model" returning one-hot logits of the truth: it looks the batch up by content order.
        var cursor = 0
        let report = try Metrics.evaluate(dataset: ds, batch: 5, prepare: { prepared = true }) { image in
            gradSeen = gradSeen || GradMode.isEnabled
            let n = image.shape[0]
            let logits = try Tensor(shape: [n, 11, 24, 32])
            let out = logits.pointer(as: Float.self)
            for k in 0..<n {
                let labels = try TestData.ints(ds.sample(cursor + k).labels)
                for (i, v) in labels.enumerated() where v < 11 { out[(k * 11 + Int(v)) * 24 * 32 + i] = 1 }
            }
            cursor += n
            batches += 1
            return logits
        }
        XCTAssertTrue(prepared)
        XCTAssertFalse(gradSeen)
        XCTAssertTrue(GradMode.isEnabled, "grad mode restored")
        XCTAssertEqual(batches, 3)
        XCTAssertEqual(report.pixelAccuracy, 1)
        XCTAssertEqual(report.miou, 1)
        XCTAssertEqual(report.classes, ds.classes)
        XCTAssertEqual(report.matrix.shape, [11, 11])
        XCTAssertEqual(report.table.count, 11)
    }
}
