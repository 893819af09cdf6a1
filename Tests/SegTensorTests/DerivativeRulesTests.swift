import XCTest
import SegTestSupport
@testable import SegTensor

/// Finite-difference checks of every differentiable op's derivative rule.
final class DerivativeRulesTests: XCTestCase {
    private func r(_ shape: [Int], _ seed: UInt64, low: Double = -1, high: Double = 1) throws -> Tensor {
        try GradientCheck.random(shape, seed: seed, low: low, high: high)
    }

    func testBinaryOpsWithBroadcasting() throws {
        try GradientCheck.check([r([2, 3], 1), r([3], 2)]) { try $0[0].add($0[1]) }
        try GradientCheck.check([r([2, 3], 1), r([2, 1], 2)]) { try $0[0].subtract($0[1]) }
        try GradientCheck.check([r([2, 3], 1), r([1, 3], 2)]) { try $0[0].multiply($0[1]) }
        try GradientCheck.check([r([2, 3], 1), r([3], 2, low: 1, high: 2)]) { try $0[0].divide($0[1]) }
        try GradientCheck.check([r([2, 3], 1, low: 0.5, high: 2), r([2, 3], 2)]) { try $0[0].pow($0[1]) }
        try GradientCheck.check([r([2, 3], 1), r([3], 2)]) { try $0[0].maximum($0[1]) }
        try GradientCheck.check([r([2, 3], 1), r([3], 2)]) { try $0[0].minimum($0[1]) }
        try GradientCheck.check([r([4], 3)]) { try $0[0] * 3.0 - 1.0 }
        try GradientCheck.check([r([4], 3, low: 1, high: 2)]) { try 2.0 / $0[0] }
    }

    func testUnaryOps() throws {
        try GradientCheck.check([r([5], 4)]) { try $0[0].exp() }
        try GradientCheck.check([r([5], 4, low: 0.5, high: 2)]) { try $0[0].log() }
        try GradientCheck.check([r([5], 4, low: 0.5, high: 2)]) { try $0[0].sqrt() }
        try GradientCheck.check([r([5], 4, low: 0.1, high: 1)]) { try $0[0].neg().abs() }
        try GradientCheck.check([r([5], 5, low: 0.1, high: 1)]) { try $0[0].relu() }
        try GradientCheck.check([r([5], 5, low: -1, high: -0.1)]) { try $0[0].relu() }
        try GradientCheck.check([r([5], 6)]) { try $0[0].sigmoid() }
        try GradientCheck.check([r([5], 7)]) { try $0[0].tanh() }
        try GradientCheck.check([r([5], 8)]) { try $0[0].neg() }
        try GradientCheck.check([r([6], 9, low: -2, high: 2)]) { try $0[0].clamp(min: -0.95, max: 0.95) }
        try GradientCheck.check([r([4], 10)]) { try $0[0].pow(2.0) }
    }

    func testReductions() throws {
        try GradientCheck.check([r([2, 3, 4], 11)]) { try $0[0].sum() }
        try GradientCheck.check([r([2, 3, 4], 11)]) { try $0[0].sum(axes: [0, 2], keepdims: true) }
        try GradientCheck.check([r([2, 3, 4], 12)]) { try $0[0].mean(axis: 1) }
        try GradientCheck.check([r([2, 3, 4], 13)]) { try $0[0].max(axis: 2) }
        try GradientCheck.check([r([2, 3, 4], 14)]) { try $0[0].min(axes: [0, 1]) }
        try GradientCheck.check([r([2, 5], 15)]) { try $0[0].variance(axes: [1]) }
        try GradientCheck.check([r([2, 5], 16)]) { try $0[0].std(axes: [1], ddof: 1) }
    }

    func testSoftmaxFamily() throws {
        try GradientCheck.check([r([2, 4], 17, low: -2, high: 2)]) { try $0[0].softmax(axis: 1) }
        try GradientCheck.check([r([2, 3, 2], 18, low: -2, high: 2)]) { try $0[0].softmax(axis: 1) }
        try GradientCheck.check([r([3, 4], 19, low: -2, high: 2)]) { try $0[0].logSoftmax(axis: 0) }
    }

    func testMatmul() throws {
        try GradientCheck.check([r([2, 3], 20), r([3, 4], 21)]) { try $0[0].matmul($0[1]) }
        try GradientCheck.check([r([3], 20), r([3, 2], 21)]) { try $0[0].matmul($0[1]) }
        try GradientCheck.check([r([2, 3], 20), r([3], 21)]) { try $0[0].matmul($0[1]) }
        try GradientCheck.check([r([2, 2, 3], 22), r([3, 2], 23)]) { try $0[0].matmul($0[1]) }
        try GradientCheck.check([r([2, 3], 24), r([2, 2, 3], 25)]) { try $0[0].matmul($0[1].transpose(1, 2)) }
    }

    func testShapeOps() throws {
        try GradientCheck.check([r([2, 3], 26)]) { try $0[0].reshape([3, 2]).multiply(Tensor.f([1, 2, 3, 4, 5, 6], [3, 2])) }
        try GradientCheck.check([r([2, 3, 4], 27)]) { try $0[0].permute([2, 0, 1]).reshape([-1]) }
        try GradientCheck.check([r([2, 3], 28)]) { try $0[0].transpose(0, 1).contiguous() }
        try GradientCheck.check([r([2, 1, 3], 29)]) { try $0[0].squeeze().unsqueeze(0).flatten() }
        try GradientCheck.check([r([2, 1], 30)]) { try $0[0].expand(to: [3, 2, 4]) }
        try GradientCheck.check([r([3], 31)]) { try $0[0].copy().astype(.float32) }
    }

    func testIndexingJoiningAndWhere() throws {
        try GradientCheck.check([r([3, 4], 32)]) { try $0[0].slice([.range(start: nil, stop: nil, step: -2), .at(1)]) }
        try GradientCheck.check([r([3, 4], 33)]) { try $0[0].narrow(axis: 1, start: 1, length: 2) }
        try GradientCheck.check([r([2, 3], 34), r([1, 3], 35)]) { try Tensor.cat($0, axis: 0) }
        try GradientCheck.check([r([2, 3], 36), r([2, 3], 37)]) { try Tensor.stack($0, axis: 2) }
        let cond = try Tensor(bools: [true, false, true], shape: [3])
        try GradientCheck.check([r([2, 3], 38), r([3], 39)]) { try Tensor.where(cond, $0[0], $0[1]) }
    }

    func testGradientsOfSharedInputsAccumulate() throws {
        let x = try Tensor.f([1, 2, 3], [3])
        x.requiresGrad = true
        try (x * x + x).sum().backward()
        assertValues(try XCTUnwrap(x.grad), [3, 5, 7])
    }

    func testIntegerOpsRecordNothing() throws {
        let i = try Tensor(ints: [1, 2], shape: [2])
        XCTAssertFalse(try (i + i).requiresGrad)
        let f = try Tensor.f([1, 2], [2])
        f.requiresGrad = true
        XCTAssertTrue(try (f + i).requiresGrad)
        XCTAssertFalse(try f.compare(.less, 2.0).requiresGrad)
        XCTAssertFalse(try f.argmax().requiresGrad)
    }
}
