import XCTest
import SegTensor
@testable import SegNN

/// Batched convolutions split images between two lanes (one per core) and fold eval-mode batch
/// norm into the convolution in inference: every split and the fused path must give what the
/// plain per-image computation gives.
final class ImageLaneTests: XCTestCase {
    func testLanePlanCoversTheBatchOnce() {
        for batch in 0...9 {
            let lanes = ImageLanes.plan(batch: batch)
            XCTAssertEqual(lanes.flatMap { Array($0.images) }, Array(0..<batch), "batch \(batch)")
            XCTAssertEqual(lanes.count, batch < 2 ? 1 : 2)
            XCTAssertEqual(lanes.first?.isAlone, batch < 2)
        }
    }

    /// An odd batch (uneven lanes) against each image run alone (one lane splitting inside).
    func testConvolutionOfABatchMatchesEachImageAlone() throws {
        let stream = RandomStream(seed: 3)
        let x = try Tensor.randn([3, 4, 9, 7], stream: stream), w = try Tensor.randn([5, 4, 3, 3], stream: stream)
        let b = try Tensor.randn([5], stream: stream)
        w.requiresGrad = true; x.requiresGrad = true
        let batched = try NN.conv2d(x, weight: w, bias: b, stride: 1, padding: 1)
        try batched.sum().backward()
        let batchedWeightGrad = try floats(XCTUnwrap(w.grad)), batchedInputGrad = try floats(XCTUnwrap(x.grad))
        var summedWeightGrad = [Float](repeating: 0, count: w.count)
        for n in 0..<3 {
            let image = try x.detach().narrow(axis: 0, start: n, length: 1).contiguous()
            image.requiresGrad = true
            let weight = try w.detach().contiguous(); weight.requiresGrad = true
            let alone = try NN.conv2d(image, weight: weight, bias: b, stride: 1, padding: 1)
            try assertClose(batched.detach().narrow(axis: 0, start: n, length: 1).contiguous(), alone, tolerance: 1e-5, "image \(n)")
            try alone.sum().backward()
            for (i, g) in try floats(XCTUnwrap(weight.grad)).enumerated() { summedWeightGrad[i] += g }
            let inputGrad = try floats(XCTUnwrap(image.grad))
            XCTAssertEqual(Array(batchedInputGrad[(n * inputGrad.count)..<((n + 1) * inputGrad.count)]), inputGrad, "dx of image \(n)")
        }
        for (a, e) in zip(batchedWeightGrad, summedWeightGrad) { XCTAssertEqual(a, e, accuracy: 1e-4 * max(1, abs(e))) }
    }

    /// Inference with batch norm folded into each image's convolution equals the recorded
    /// conv -> batch norm -> ReLU sequence in eval mode.
    func testFusedInferenceMatchesTheRecordedEvalPath() throws {
        let model = try UNet(inChannels: 3, classes: 4, base: 4, depth: 2, batchnorm: true, up: .transpose, seed: 5)
        let stream = RandomStream(seed: 8)
        let x = try Tensor.randn([3, 3, 16, 20], stream: stream)
        // Move the running statistics away from 0 and 1 so that the fold is exercised.
        for _ in 0..<3 { _ = try model(x) }
        model.eval()
        let recorded = try model(x)            // parameters require grad: the unfused, recorded path
        let fused = try GradMode.withoutGrad { try model(x) }
        XCTAssertTrue(recorded.requiresGrad)
        XCTAssertFalse(fused.requiresGrad)
        try assertClose(fused, recorded.detach(), tolerance: 1e-5, "fused eval inference")
        let single = try GradMode.withoutGrad { try model(x.narrow(axis: 0, start: 1, length: 1).contiguous()) }
        try assertClose(single, fused.narrow(axis: 0, start: 1, length: 1).contiguous(), tolerance: 1e-5, "one image alone")
    }
}

/// Convolutions computed band by band (im2col of a few output rows at a time, so the columns stay
/// in cache) equal the one-band computation, forward and backward.
final class ConvBandTests: XCTestCase {
    private func convolve(_ x: Tensor, _ w: Tensor, stride: Int, padding: Int) throws -> [[Float]] {
        let input = try x.detach().contiguous(), weight = try w.detach().contiguous()
        input.requiresGrad = true; weight.requiresGrad = true
        let y = try NN.conv2d(input, weight: weight, stride: stride, padding: padding)
        try (y * y).sum().backward()
        return [try floats(y), try floats(XCTUnwrap(input.grad)), try floats(XCTUnwrap(weight.grad))]
    }

    func testOneRowBandsMatchOneBand() throws {
        let stream = RandomStream(seed: 11)
        let x = try Tensor.randn([3, 4, 11, 9], stream: stream), w = try Tensor.randn([6, 4, 3, 3], stream: stream)
        let saved = (ConvGeometry.bandFloats, ConvGeometry.bandMinimumPixels)
        defer { (ConvGeometry.bandFloats, ConvGeometry.bandMinimumPixels) = saved }
        for (stride, padding) in [(1, 1), (1, 0), (2, 1), (1, 3)] {
            let g = try ConvGeometry(channels: 4, height: 11, width: 9, kernel: 3, stride: stride, padding: padding)
            (ConvGeometry.bandFloats, ConvGeometry.bandMinimumPixels) = (1 << 30, 1)
            XCTAssertEqual(g.outputBands().count, 1)
            let whole = try convolve(x, w, stride: stride, padding: padding)
            (ConvGeometry.bandFloats, ConvGeometry.bandMinimumPixels) = (1, 1)
            XCTAssertEqual(g.outputBands(), (0..<g.outHeight).map { $0..<($0 + 1) })
            let banded = try convolve(x, w, stride: stride, padding: padding)
            for (part, (a, b)) in zip(["output", "dx", "dw"], zip(banded, whole)) {
                XCTAssertEqual(a.count, b.count)
                for (u, v) in zip(a, b) { XCTAssertEqual(u, v, accuracy: 1e-4 * max(1, abs(v)), "\(part), stride \(stride) padding \(padding)") }
            }
        }
    }
}
