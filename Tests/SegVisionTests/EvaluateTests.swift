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

    func testFlipAveragedScoresByHand() throws {
        // One pixel, two classes. Scores (0, 0) give probabilities (1/2, 1/2); the mirrored pass
        // scores (ln 3, 0), probabilities (3/4, 1/4). Their mean is (5/8, 3/8).
        let plain = try Tensor([0, 0], shape: [1, 2, 1, 1])
        let mirrored = try Tensor([Float(log(3.0)), 0], shape: [1, 2, 1, 1])
        let averaged = try Metrics.flipAveragedScores(plain, mirrored).floats()
        XCTAssertEqual(averaged[0], Float(log(5.0 / 8)), accuracy: 1e-6)
        XCTAssertEqual(averaged[1], Float(log(3.0 / 8)), accuracy: 1e-6)
        // Agreeing passes give back log-softmax, even where a probability underflows.
        // Pixels: (0, -200) whose second probability underflows, (0, 0), and (5, 0).
        let sure = try Tensor([0, 0, 5, -200, 0, 0], shape: [1, 2, 1, 3])
        let logSoftmax = try Metrics.flipAveragedScores(sure, sure).floats()
        XCTAssertEqual(logSoftmax[0], 0, accuracy: 1e-6)
        XCTAssertTrue(logSoftmax[3].isFinite && logSoftmax[3] < -80, "\(logSoftmax[3]) stays finite")
        XCTAssertEqual(logSoftmax[1], Float(-log(2.0)), accuracy: 1e-6)
        XCTAssertEqual(logSoftmax[4], Float(-log(2.0)), accuracy: 1e-6)
        XCTAssertEqual(logSoftmax[2], Float(-log(1 + exp(-5.0))), accuracy: 1e-6)
        XCTAssertEqual(logSoftmax[5], Float(-5 - log(1 + exp(-5.0))), accuracy: 1e-5)
        let message = TestData.errorMessage { _ = try Metrics.flipAveragedScores(plain, sure) }
        XCTAssertTrue(message.contains("[1, 2, 1, 1] and [1, 2, 1, 3]"), message)
    }
}
