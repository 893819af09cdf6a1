import XCTest
import SegTensor
@testable import SegVision

final class ConfusionMatrixTests: XCTestCase {
    func testHandComputedCase() throws {
        // truth:      0 0 1 1 2 9(void)
        // prediction: 0 1 1 1 0 2
        let cm = try ConfusionMatrix(classes: 3, ignore: 9, names: ["a", "b", "c"])
        try cm.add(Tensor(int32: [0, 1, 1, 1, 0, 2], shape: [1, 2, 3]), Tensor(int32: [0, 0, 1, 1, 2, 9], shape: [1, 2, 3]))
        XCTAssertEqual(try TestData.ints(cm.matrix()), [1, 1, 0, 0, 2, 0, 1, 0, 0])
        XCTAssertEqual(cm.pixelAccuracy, 3.0 / 5.0, accuracy: 1e-12)
        XCTAssertEqual(cm.classAccuracy.map { $0 ?? -1 }, [0.5, 1.0, 0.0])
        XCTAssertEqual(cm.meanClassAccuracy, 0.5, accuracy: 1e-12)
        // IoU: a = 1/(2+2-1) = 1/3, b = 2/(2+3-2) = 2/3, c = 0/(1+0-0) = 0.
        let iou = cm.iou.map { $0 ?? -1 }
        XCTAssertEqual(iou[0], 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(iou[1], 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(iou[2], 0)
        XCTAssertEqual(cm.miou, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(cm.fwIoU, 0.4 * (1.0 / 3.0) + 0.4 * (2.0 / 3.0), accuracy: 1e-12)
        XCTAssertEqual(cm.table().map(\.name), ["a", "b", "c"])
        XCTAssertEqual(cm.table()[1].pixels, 2)
    }

    func testAbsentClassesAreLeftOutOfTheMeans() throws {
        let cm = try ConfusionMatrix(classes: 4, ignore: 255)
        try cm.add(Tensor(int32: [0, 2, 1], shape: [3]), Tensor(int32: [0, 1, 1], shape: [3]))
        XCTAssertNil(cm.iou[3], "absent from truth and prediction")
        XCTAssertNotNil(cm.iou[2], "predicted only: IoU 0")
        XCTAssertNil(cm.classAccuracy[2], "absent from the target")
        XCTAssertEqual(cm.miou, (1 + 0.5 + 0) / 3, accuracy: 1e-12)
        XCTAssertEqual(cm.meanClassAccuracy, (1 + 0.5) / 2, accuracy: 1e-12)
    }

    func testLogitsTakeTheArgmaxAndAccumulate() throws {
        // [N=1, C=2, H=1, W=3]: class 1 wins at pixels 0 and 2; tie at pixel 1 goes to class 0.
        let logits = try Tensor([0, 5, -1, 3, 5, 2], shape: [1, 2, 1, 3])
        let cm = try ConfusionMatrix(classes: 2)
        try cm.add(logits, Tensor(int32: [1, 0, 1], shape: [1, 1, 3]))
        try cm.add(logits, Tensor(int32: [1, 1, 1], shape: [1, 1, 3]))
        XCTAssertEqual(try TestData.ints(cm.matrix()), [1, 0, 1, 4])
        let single = try ConfusionMatrix(classes: 2)
        try single.add(Tensor([0, 5, -1, 3, 5, 2], shape: [2, 1, 3]), Tensor(int32: [1, 0, 1], shape: [1, 3]))
        XCTAssertEqual(single.pixelAccuracy, 1)
    }

    /// Counts given directly (a restored matrix) give the same metrics as the same pixels added,
    /// and bad counts are errors naming the problem.
    func testRestoredCountsEqualAddedPixels() throws {
        let added = try ConfusionMatrix(classes: 3, ignore: 3)
        try added.add(Tensor(int32: [0, 1, 1, 2, 2, 0, 1], shape: [7]), Tensor(int32: [0, 1, 2, 2, 3, 0, 1], shape: [7]))
        let restored = try ConfusionMatrix(classes: 3, ignore: 3, counts: added.counts)
        XCTAssertEqual(restored.counts, added.counts)
        XCTAssertEqual(restored.miou, added.miou)
        XCTAssertEqual(restored.pixelAccuracy, added.pixelAccuracy)
        XCTAssertThrowsError(try ConfusionMatrix(classes: 2, counts: [1, 2, 3])) { XCTAssertTrue("\($0)".contains("3 counts for 2 classes"), "\($0)") }
        XCTAssertThrowsError(try ConfusionMatrix(classes: 2, counts: [1, -2, 3, 4])) { XCTAssertTrue("\($0)".contains("none negative"), "\($0)") }
        XCTAssertThrowsError(try ConfusionMatrix(classes: 2, ignore: 1, counts: [1, 0, 0, 4])) { XCTAssertTrue("\($0)".contains("ignored class 1"), "\($0)") }
    }

    func testBadInputIsAnError() throws {
        let cm = try ConfusionMatrix(classes: 2, ignore: 9)
        XCTAssertTrue(TestData.errorMessage { try cm.add(Tensor(int32: [0], shape: [1]), Tensor(int32: [5], shape: [1])) }.contains("target value 5"))
        XCTAssertTrue(TestData.errorMessage { try cm.add(Tensor(int32: [3], shape: [1]), Tensor(int32: [0], shape: [1])) }.contains("predicted class 3"))
        XCTAssertTrue(TestData.errorMessage { try cm.add(Tensor(shape: [1, 3, 2, 2]), Tensor(shape: [1, 2, 2], dtype: .int32)) }.contains("[1, 3, 2, 2]"))
        XCTAssertTrue(TestData.errorMessage { try cm.add(Tensor(int32: [0, 1], shape: [2]), Tensor(int32: [0], shape: [1])) }.contains("[2]"))
    }

    func testAgreesWithNumPyOnTheRealValMasks() throws {
        let root = try TestData.requireCamvid()
        struct Expected: Decodable {
            var files: Int; var matrix: [[Int]]; var pixel_accuracy: Double; var class_accuracy: [Double?]
            var mean_class_accuracy: Double; var iou: [Double?]; var miou: Double; var fw_iou: Double
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("metrics/val_shift3.json")))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        let cm = try ConfusionMatrix(classes: 11, ignore: 11)
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/valannot").filter { $0.hasSuffix(".png") }.sorted()
        XCTAssertEqual(files.count, expected.files)
        for file in files {
            let y = try PNGCodec.readLabels(root + "/valannot/" + file)
            let h = y.shape[0], w = y.shape[1]
            let truth = try TestData.ints(y)
            // The same fixed prediction as make_vision_fixtures.py: shift right by 3, void replaced.
            var prediction = [Int32](repeating: 0, count: h * w)
            for r in 0..<h {
                for c in 0..<w {
                    let p = truth[r * w + max(c - 3, 0)]
                    prediction[r * w + c] = p == 11 ? Int32((r + c) % 11) : p
                }
            }
            try cm.add(Tensor(int32: prediction, shape: [1, h, w]), y.reshapedForTest([1, h, w]))
        }
        XCTAssertEqual(try TestData.ints(cm.matrix()), expected.matrix.flatMap { $0.map(Int32.init) })
        XCTAssertEqual(cm.pixelAccuracy, expected.pixel_accuracy, accuracy: 1e-9)
        XCTAssertEqual(cm.meanClassAccuracy, expected.mean_class_accuracy, accuracy: 1e-9)
        XCTAssertEqual(cm.miou, expected.miou, accuracy: 1e-9)
        XCTAssertEqual(cm.fwIoU, expected.fw_iou, accuracy: 1e-9)
        for c in 0..<11 {
            XCTAssertEqual(cm.iou[c] ?? -1, expected.iou[c] ?? -1, accuracy: 1e-9)
            XCTAssertEqual(cm.classAccuracy[c] ?? -1, expected.class_accuracy[c] ?? -1, accuracy: 1e-9)
        }
    }
}

extension Tensor {
    /// A view with a new shape over the same contiguous storage (test helper).
    func reshapedForTest(_ shape: [Int]) -> Tensor {
        Tensor(storage: storage, shape: shape, strides: Shape.contiguousStrides(shape), offset: offset, dtype: dtype)
    }
}
