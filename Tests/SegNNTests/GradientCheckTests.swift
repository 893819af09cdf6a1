import XCTest
import SegTensor
import SegTestSupport
@testable import SegNN
import SegRandom

/// Central finite differences against every layer's recorded backward pass (errors measured
/// against the largest gradient of each input, as layers' gradients are often small).
final class GradientCheckTests: XCTestCase {
    private var generator = SplitMix64(seed: 11)

    private func random(_ shape: [Int], scale: Float = 1) throws -> Tensor {
        let values = (0..<Shape.count(shape)).map { _ in Float.random(in: -1...1, using: &generator) * scale }
        let t = try Tensor(values, shape: shape)
        t.requiresGrad = true
        return t
    }

    /// Distinct values at least 0.1 apart and 0.05 from zero, so max and ReLU kinks stay out of
    /// reach of the finite-difference step.
    private func separated(_ shape: [Int]) throws -> Tensor {
        let count = Shape.count(shape)
        var values = (0..<count).map { (Float($0) - Float(count) / 2 + 0.5) * 0.1 }
        values.shuffle(using: &generator)
        let t = try Tensor(values, shape: shape)
        t.requiresGrad = true
        return t
    }

    func testConv2dStridedPadded() throws {
        let x = try random([2, 3, 7, 6]), w = try random([4, 3, 3, 3]), b = try random([4])
        try GradientCheck.check("conv2d", [x, w, b], scale: .largestGradient) { try NN.conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1) }
        let w3 = try random([2, 3, 3, 3])
        for padding in [0, 1, 2] {
            try GradientCheck.check("conv2d stride 1 padding \(padding)", [x, w3], scale: .largestGradient) { try NN.conv2d($0[0], weight: $0[1], padding: padding) }
        }
        let w1 = try random([2, 3, 1, 1])
        try GradientCheck.check("conv2d 1x1", [x, w1], scale: .largestGradient) { try NN.conv2d($0[0], weight: $0[1]) }
    }

    func testConv2dThroughEveryAlgorithm() throws {
        let saved = ConvAlgorithm.selected
        defer { ConvAlgorithm.selected = saved }
        // Odd sides so that tiles reach past the image on both paths of the Winograd transforms.
        let x = try random([2, 3, 7, 5]), w = try random([4, 3, 3, 3]), b = try random([4])
        for algorithm in ConvAlgorithm.allCases {
            ConvAlgorithm.selected = algorithm
            try GradientCheck.check("conv2d 3x3 padding 1 by \(algorithm)", [x, w, b], scale: .largestGradient) { try NN.conv2d($0[0], weight: $0[1], bias: $0[2], padding: 1) }
        }
    }

    func testConvTranspose2dOverlapping() throws {
        let x = try random([2, 3, 3, 4]), w = try random([3, 2, 3, 3]), b = try random([2])
        try GradientCheck.check("conv_transpose2d", [x, w, b], scale: .largestGradient) { try NN.convTranspose2d($0[0], weight: $0[1], bias: $0[2], stride: 2) }
    }

    func testBatchNormTrainEvalAndFusedReLU() throws {
        let x = try random([2, 3, 3, 4], scale: 2)
        for relu in [false, true] {
            let bn = try BatchNorm2d(3)
            try bn.weight.withFloats { $0.update(from: [1.5, -0.7, 1]) }
            try bn.bias.withFloats { $0.update(from: [0.2, 0.1, -0.3]) }
            try GradientCheck.check("batchnorm relu \(relu)", [x, bn.weight, bn.bias], epsilon: 1e-3, tolerance: 3e-2, scale: .largestGradient) { _ in try bn.forward(x, relu: relu) }
            bn.eval()
            try GradientCheck.check("batchnorm eval relu \(relu)", [x, bn.weight, bn.bias], epsilon: 1e-3, scale: .largestGradient) { _ in try bn.forward(x, relu: relu) }
        }
    }

    func testPoolingUpsamplingAndJoins() throws {
        let x = try separated([1, 2, 5, 7])
        try GradientCheck.check("maxpool2d", [x], scale: .largestGradient) { try NN.maxPool2d($0[0], kernel: 2) }
        try GradientCheck.check("relu", [x], scale: .largestGradient) { try NN.relu($0[0]) }
        try GradientCheck.check("upsample bilinear", [x], scale: .largestGradient) { try NN.upsample($0[0], scale: 2, mode: .bilinear) }
        try GradientCheck.check("upsample nearest", [x], scale: .largestGradient) { try NN.upsample($0[0], scale: 3, mode: .nearest) }
        let skip = try random([1, 3, 7, 9])
        try GradientCheck.check("skip_concat", [skip, x], scale: .largestGradient) { try NN.skipConcat(skip: $0[0], upsampled: $0[1]) }
    }

    func testLosses() throws {
        let logits = try random([2, 3, 2, 3], scale: 2)
        let target = try Tensor(int32: [0, 1, 2, 2, 1, 0, 1, 1, 2, 0, 0, 1], shape: [2, 2, 3])
        let weight = try Tensor([0.5, 2, 1], shape: [3])
        try GradientCheck.check("cross_entropy", [logits], scale: .largestGradient) { try NN.crossEntropy($0[0], target, weight: weight, ignoreIndex: 2) }
        try GradientCheck.check("dice_loss", [logits], scale: .largestGradient) { try NN.diceLoss($0[0], target, ignoreIndex: 0) }
    }

    func testDropoutScalesKeptValues() throws {
        let x = try random([1, 1, 4, 4])
        let layer = try Dropout(0.5, seed: 3)
        let y = try layer(x)
        let kept = zip(try floats(x), try floats(y)).filter { $0.1 != 0 }
        XCTAssertFalse(kept.isEmpty)
        for (a, b) in kept { XCTAssertEqual(b, 2 * a, accuracy: 1e-6) }
        layer.eval()
        XCTAssertTrue(try layer(x) === x, "eval mode is the identity")
    }
}

/// Hand-computed values for the layers whose fixtures come from elsewhere.
final class LayerValueTests: XCTestCase {
    func testTransposedConvolutionTilesWithoutOverlap() throws {
        // 1 input channel, 1x2 image, 2x2 kernel stride 2: each pixel stamps the kernel times itself.
        let x = try Tensor([1, 2], shape: [1, 1, 1, 2])
        let w = try Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
        let y = try NN.convTranspose2d(x, weight: w, bias: Tensor([0.5], shape: [1]), stride: 2)
        XCTAssertEqual(y.shape, [1, 1, 2, 4])
        XCTAssertEqual(try floats(y), [1.5, 2.5, 2.5, 4.5, 3.5, 4.5, 6.5, 8.5])
    }

    func testDiceLossOfAConfidentCorrectPredictionIsNearZero() throws {
        let logits = try Tensor([20, -20, -20, 20], shape: [1, 2, 1, 2])
        let target = try Tensor(int32: [0, 1], shape: [1, 1, 2])
        XCTAssertEqual(try floats(NN.diceLoss(logits, target))[0], 0, accuracy: 1e-5)
        let wrong = try Tensor(int32: [1, 0], shape: [1, 1, 2])
        // Both classes: (0 + 1) / (2 + 1) -> loss 2/3.
        XCTAssertEqual(try floats(NN.diceLoss(logits, wrong))[0], 2.0 / 3.0, accuracy: 1e-4)
    }
}
