import XCTest
import SegTensor
@testable import SegNN

/// The Winograd paths of 3x3 stride-1 padding-1 convolutions against the im2col path (itself
/// checked against PyTorch by the golden tests): forward, input and weight gradients, fused bias
/// and batch-norm epilogue, on shapes whose sides are not multiples of the tile.
final class WinogradConvolutionTests: XCTestCase {
    private let winograds: [ConvAlgorithm] = [.winograd2, .winograd4]

    private func using<T>(_ algorithm: ConvAlgorithm, _ body: () throws -> T) rethrows -> T {
        let saved = ConvAlgorithm.selected
        ConvAlgorithm.selected = algorithm
        defer { ConvAlgorithm.selected = saved }
        return try body()
    }

    /// Output, dX and dW of conv2d(x, w, b) under `algorithm`, for the loss Σ y * r.
    private func convolve(_ algorithm: ConvAlgorithm, _ x: Tensor, _ w: Tensor, _ b: Tensor?, _ r: Tensor) throws -> [Tensor] {
        try using(algorithm) {
            let input = x.detach(), weight = w.detach(), bias = b?.detach()
            input.requiresGrad = true; weight.requiresGrad = true; bias?.requiresGrad = true
            let y = try NN.conv2d(input, weight: weight, bias: bias, stride: 1, padding: 1)
            try (y * r).sum().backward()
            var results = [y, try XCTUnwrap(input.grad), try XCTUnwrap(weight.grad)]
            if let bias { results.append(try XCTUnwrap(bias.grad)) }
            return results
        }
    }

    func testForwardAndGradientsMatchIm2colOnAwkwardShapes() throws {
        let stream = RandomStream(seed: 5)
        // (batch, cin, cout, h, w): odd sides, 1x1 and 1-wide images, channels of no particular
        // multiple, a lone image (its lane splits work across cores) and an odd batch.
        let shapes = [(2, 3, 5, 7, 9), (1, 7, 3, 13, 6), (3, 5, 11, 1, 1), (2, 4, 4, 1, 10), (4, 17, 9, 8, 8),
                      (1, 2, 3, 2, 3), (3, 6, 5, 11, 5)]
        for (batch, cin, cout, h, w) in shapes {
            let x = try Tensor.randn([batch, cin, h, w], stream: stream), wt = try Tensor.randn([cout, cin, 3, 3], stream: stream)
            let b = try Tensor.randn([cout], stream: stream), r = try Tensor.randn([batch, cout, h, w], stream: stream)
            let reference = try convolve(.im2col, x, wt, b, r)
            for algorithm in winograds {
                let result = try convolve(algorithm, x, wt, b, r)
                for (part, (a, e)) in zip(["output", "dx", "dw", "db"], zip(result, reference)) {
                    try assertClose(a, e, tolerance: 1e-4, "\(algorithm) \(part) for \([batch, cin, cout, h, w])")
                }
            }
        }
    }

    func testBandsAcrossImagesMatchOneBand() throws {
        let stream = RandomStream(seed: 8)
        let x = try Tensor.randn([5, 3, 9, 7], stream: stream), w = try Tensor.randn([4, 3, 3, 3], stream: stream)
        let r = try Tensor.randn([5, 4, 9, 7], stream: stream)
        let saved = (WinogradConvolution.bandFloats, WinogradConvolution.bandMinimumTiles)
        defer { (WinogradConvolution.bandFloats, WinogradConvolution.bandMinimumTiles) = saved }
        for algorithm in winograds {
            (WinogradConvolution.bandFloats, WinogradConvolution.bandMinimumTiles) = (1 << 30, 1)
            let whole = try convolve(algorithm, x, w, nil, r)
            // One tile row per band; with 7 (or 4 and 3) rows a band often ends inside an image.
            (WinogradConvolution.bandFloats, WinogradConvolution.bandMinimumTiles) = (1, 1)
            let banded = try convolve(algorithm, x, w, nil, r)
            // A band of 5 tiles straddles image boundaries.
            (WinogradConvolution.bandFloats, WinogradConvolution.bandMinimumTiles) = (1, 5)
            let straddling = try convolve(algorithm, x, w, nil, r)
            for (part, (a, (b, c))) in zip(["output", "dx", "dw"], zip(banded, zip(straddling, whole))) {
                try assertClose(a, c, tolerance: 1e-6, "\(algorithm) \(part), one-row bands")
                try assertClose(b, c, tolerance: 1e-6, "\(algorithm) \(part), straddling bands")
            }
        }
    }

    func testFusedBatchNormEpilogueMatchesIm2col() throws {
        let stream = RandomStream(seed: 3)
        let x = try Tensor.randn([3, 6, 10, 7], stream: stream), w = try Tensor.randn([5, 6, 3, 3], stream: stream)
        let b = try Tensor.randn([5], stream: stream)
        let affine = ChannelAffine(scale: [0.5, -1, 2, 1, 0.25], shift: [0.1, 0, -0.3, 0.2, 1], relu: true)
        let reference = try using(.im2col) { try NN.conv2dThenAffine(x, weight: w, bias: b, stride: 1, padding: 1, affine: affine) }
        XCTAssertTrue(try floats(reference).contains(0), "the ReLU must clip something for the test to mean anything")
        for algorithm in winograds {
            let fused = try using(algorithm) { try NN.conv2dThenAffine(x, weight: w, bias: b, stride: 1, padding: 1, affine: affine) }
            try assertClose(fused, reference, tolerance: 1e-4, "\(algorithm) fused epilogue")
        }
    }

    /// The transforms reproduce a hand-computed correlation exactly enough: a 1-channel 2x2
    /// image with kernel 1..9 (padding 1) gives, e.g., top-left = 5*1 + 6*2 + 8*3 + 9*4.
    func testHandComputedSmallImage() throws {
        let x = try Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
        let w = try Tensor((1...9).map(Float.init), shape: [1, 1, 3, 3])
        for algorithm in winograds {
            let y = try using(algorithm) { try floats(NN.conv2d(x, weight: w, padding: 1)) }
            let expected: [Float] = [5 * 1 + 6 * 2 + 8 * 3 + 9 * 4, 4 * 1 + 5 * 2 + 7 * 3 + 8 * 4,
                                     2 * 1 + 3 * 2 + 5 * 3 + 6 * 4, 1 * 1 + 2 * 2 + 4 * 3 + 5 * 4]
            for (a, e) in zip(y, expected) { XCTAssertEqual(a, e, accuracy: 1e-4, "\(algorithm)") }
        }
    }

    func testOnlyThreeByThreeStrideOnePaddingOneTakesWinograd() throws {
        try using(.winograd4) {
            for (k, stride, padding) in [(3, 2, 1), (3, 1, 0), (3, 1, 2), (1, 1, 0), (5, 1, 1)] {
                let g = try ConvGeometry(channels: 2, height: 8, width: 8, kernel: k, stride: stride, padding: padding)
                XCTAssertNil(ConvAlgorithm.winogradTransform(for: g), "kernel \(k) stride \(stride) padding \(padding)")
            }
            let g = try ConvGeometry(channels: 2, height: 8, width: 8, kernel: 3, stride: 1, padding: 1)
            XCTAssertEqual(ConvAlgorithm.winogradTransform(for: g)?.tile, 4)
        }
        try using(.im2col) {
            let g = try ConvGeometry(channels: 2, height: 8, width: 8, kernel: 3, stride: 1, padding: 1)
            XCTAssertNil(ConvAlgorithm.winogradTransform(for: g))
        }
    }

    func testAutoTakesWinogradOnDeepLayersOnly() throws {
        try using(.auto) {
            let deep = ConvAlgorithm.deepChannels
            for (channels, expected) in [(3, nil), (16, nil), (deep - 1, nil), (deep, 4), (256, 4)] as [(Int, Int?)] {
                let g = try ConvGeometry(channels: channels, height: 8, width: 8, kernel: 3, stride: 1, padding: 1)
                XCTAssertEqual(ConvAlgorithm.winogradTransform(for: g)?.tile, expected, "\(channels) input channels")
            }
            let strided = try ConvGeometry(channels: 256, height: 8, width: 8, kernel: 3, stride: 2, padding: 1)
            XCTAssertNil(ConvAlgorithm.winogradTransform(for: strided))
        }
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "AUTO"]), .auto)
    }

    func testEnvironmentSwitch() {
        XCTAssertEqual(ConvAlgorithm.fromEnvironment([:]), ConvAlgorithm.standard)
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "im2col"]), .im2col)
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "Winograd2"]), .winograd2)
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "winograd"]), .winograd4)
        // An unknown name falls back to the standard algorithm (with a message on stderr).
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "fft"]), ConvAlgorithm.standard)
        XCTAssertNil(ConvAlgorithm.parse("fft"))
    }

    func testProfileRecordsDirectConvolutionFlops() throws {
        ConvProfile.reset()
        ConvProfile.isEnabled = true
        defer { ConvProfile.isEnabled = false; ConvProfile.reset() }
        let x = try Tensor.randn([2, 3, 5, 4]), w = try Tensor.randn([6, 3, 3, 3])
        x.requiresGrad = true; w.requiresGrad = true
        try NN.conv2d(x, weight: w, padding: 1).sum().backward()
        let entry = try XCTUnwrap(ConvProfile.entries.first)
        XCTAssertEqual(ConvProfile.entries.count, 1)
        XCTAssertEqual(entry.layer, "conv 3x3 3->6 5x4")
        XCTAssertEqual(entry.forwardCalls, 1)
        XCTAssertEqual(entry.backwardCalls, 1)
        XCTAssertEqual(entry.forwardFlops, 2.0 * 2 * 6 * 3 * 9 * 5 * 4)
        XCTAssertEqual(entry.backwardFlops, 2 * entry.forwardFlops)
        XCTAssertGreaterThan(entry.forwardSeconds, 0)
    }
}
