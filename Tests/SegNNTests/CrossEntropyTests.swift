import XCTest
import SegTensor
@testable import SegNN

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

    func testBadTargetsAreErrors() throws {
        let logits = try Tensor(shape: [1, 3, 2, 2])
        XCTAssertThrowsError(try NN.crossEntropy(logits, Tensor(int32: [0, 1, 5, 2], shape: [1, 2, 2]))) { error in
            XCTAssertTrue("\(error)".contains("target 5 at [0, 1, 0]"), "\(error)")
        }
        XCTAssertThrowsError(try NN.crossEntropy(logits, Tensor(int32: [0, 1], shape: [1, 2, 1])))
        XCTAssertThrowsError(try NN.crossEntropy(logits, Tensor(int32: [0, 1, 1, 1], shape: [1, 2, 2]), weight: Tensor([1], shape: [1])))
    }
}
