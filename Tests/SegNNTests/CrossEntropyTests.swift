import XCTest
import SegTensor
@testable import SegNN
import SegTestSupport

/// F.cross_entropy with and without weight/ignore_index (Fixtures/losses.safetensors), plus
/// hand-computed and error cases.
final class CrossEntropyTests: XCTestCase {
    func testMatchesTorch() throws {
        let f = try Fixture.load("losses.safetensors")
        let target = try XCTUnwrap(f["target"])
        for (tag, weight, ignore) in [("plain", nil, -100), ("weighted", f["weight"], 3)] as [(String, Tensor?, Int)] {
            let logits = try Tensor(floats(XCTUnwrap(f["logits"])), shape: [2, 4, 3, 5])
            logits.requiresGrad = true
            let loss = try NN.crossEntropy(logits, target, weight: weight, ignoreIndex: ignore)
            XCTAssertEqual(try floats(loss)[0], try floats(XCTUnwrap(f["\(tag)_loss"]))[0], accuracy: 1e-5, tag)
            try loss.backward()
            try assertClose(XCTUnwrap(logits.grad), XCTUnwrap(f["\(tag)_grad"]), tolerance: 1e-5, "\(tag) gradient")
        }
    }

    func testHandComputedAndStable() throws {
        // Two classes with logits (1000, 0): log-sum-exp must not overflow. Target 1: loss 1000.
        let logits = try Tensor([1000, 0], shape: [1, 2, 1, 1])
        let loss = try NN.crossEntropy(logits, Tensor(int32: [1], shape: [1, 1, 1]))
        XCTAssertEqual(try floats(loss)[0], 1000, accuracy: 1e-3)
        let even = try NN.crossEntropy(Tensor([0, 0], shape: [1, 2, 1, 1]), Tensor(int32: [0], shape: [1, 1, 1]))
        XCTAssertEqual(try floats(even)[0], logf(2), accuracy: 1e-6)
    }

    /// A batch large enough to be split across the cores gives the loss and gradient of its
    /// images taken one at a time (each image's loss weighted by its share of the weight sum).
    func testSplitBatchMatchesImagesAlone() throws {
        let (batch, classes, h, w) = (4, 3, 48, 64)   // above Parallel.rowKernelThreshold
        var values = [Float](), labels = [Int32]()
        for i in 0..<(batch * classes * h * w) { values.append(Float((i * 7919) % 23) / 5 - 2) }
        for i in 0..<(batch * h * w) { labels.append(Int32((i * 31 + i / 7) % 4)) }   // 3 is ignored
        let weight = try Tensor([0.5, 2, 1.25], shape: [3])
        let logits = try Tensor(values, shape: [batch, classes, h, w])
        logits.requiresGrad = true
        let loss = try NN.crossEntropy(logits, Tensor(int32: labels, shape: [batch, h, w]), weight: weight, ignoreIndex: 3)
        try loss.backward()
        let grad = try floats(XCTUnwrap(logits.grad))
        let perImage = classes * h * w, perLabels = h * w
        var weighted: Double = 0, weightSum: Double = 0
        var alone = [[Float]]()
        for n in 0..<batch {
            let one = try Tensor(Array(values[n * perImage..<(n + 1) * perImage]), shape: [1, classes, h, w])
            one.requiresGrad = true
            let target = Array(labels[n * perLabels..<(n + 1) * perLabels])
            let l = try NN.crossEntropy(one, Tensor(int32: target, shape: [1, h, w]), weight: weight, ignoreIndex: 3)
            try l.backward()
            let share = target.reduce(0.0) { $1 == 3 ? $0 : $0 + [0.5, 2, 1.25][Int($1)] }
            weighted += Double(try floats(l)[0]) * share
            weightSum += share
            alone.append(try floats(XCTUnwrap(one.grad)).map { $0 * Float(share) })
        }
        XCTAssertEqual(Double(try floats(loss)[0]), weighted / weightSum, accuracy: 1e-5)
        for n in 0..<batch {
            for i in stride(from: 0, to: perImage, by: 97) {
                XCTAssertEqual(grad[n * perImage + i], alone[n][i] / Float(weightSum), accuracy: 1e-7, "image \(n) element \(i)")
            }
        }
    }

    func testBadTargetsAreErrors() throws {
        let logits = try Tensor(shape: [1, 3, 2, 2])
        assertThrowsMessage(try NN.crossEntropy(logits, Tensor(int32: [0, 1, 5, 2], shape: [1, 2, 2])), "target 5 at [0, 1, 0]")
        XCTAssertThrowsError(try NN.crossEntropy(logits, Tensor(int32: [0, 1], shape: [1, 2, 1])))
        XCTAssertThrowsError(try NN.crossEntropy(logits, Tensor(int32: [0, 1, 1, 1], shape: [1, 2, 2]), weight: Tensor([1], shape: [1])))
    }
}
