import XCTest
import SegTensor
@testable import SegNN

/// The Winograd and direct paths of 3x3 stride-1 padding-1 convolutions against the im2col path
/// (itself checked against PyTorch by the golden tests): forward, input and weight gradients,
/// fused bias and batch-norm epilogue, on shapes whose sides are not multiples of the tile. The
/// direct path is checked with every vector kernel this CPU can run (AVX-512 and AVX2 on an
/// AVX-512 machine).
final class ConvAlgorithmTests: XCTestCase {
    private let winograds: [ConvAlgorithm] = [.winograd2, .winograd4]

    /// The Winograd paths, then the direct and vector-Winograd kernels once per kernel level this CPU runs.
    private func eachAlternative(_ body: (String, ConvAlgorithm) throws -> Void) rethrows {
        for algorithm in winograds { try body("\(algorithm)", algorithm) }
        let detected = VectorKernels.level
        defer { VectorKernels.level = detected }
        for level in stride(from: detected, to: 0, by: -1) {
            VectorKernels.level = level
            try body("direct (\(VectorKernels.levelName))", .direct)
            try body("direct-winograd (\(VectorKernels.levelName))", .directWinograd)
        }
    }

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
        // Wider images run over several tiles of the direct kernel with a partial last one, and a
        // lone image large enough splits its rows between the compute threads.
        let shapes = [(2, 3, 5, 7, 9), (1, 7, 3, 13, 6), (3, 5, 11, 1, 1), (2, 4, 4, 1, 10), (4, 17, 9, 8, 8),
                      (1, 2, 3, 2, 3), (3, 6, 5, 11, 5), (2, 9, 17, 5, 70), (1, 16, 12, 33, 40), (3, 1, 1, 4, 33),
                      // From `weightGradientPixels` (2048) up the direct path computes dW itself, in
                      // bands of 2048 pixels: one band, then two with a partial second.
                      (2, 3, 5, 40, 60), (1, 2, 3, 70, 50),
                      // Rows of exactly one vector (AVX-512) or two (AVX2), and of wide tiles
                      // followed by one-vector tiles with no partial tile.
                      (2, 8, 10, 6, 16), (1, 5, 9, 3, 48)]
        for (batch, cin, cout, h, w) in shapes {
            let x = try Tensor.randn([batch, cin, h, w], stream: stream), wt = try Tensor.randn([cout, cin, 3, 3], stream: stream)
            let b = try Tensor.randn([cout], stream: stream), r = try Tensor.randn([batch, cout, h, w], stream: stream)
            let reference = try convolve(.im2col, x, wt, b, r)
            try eachAlternative { name, algorithm in
                let result = try convolve(algorithm, x, wt, b, r)
                for (part, (a, e)) in zip(["output", "dx", "dw", "db"], zip(result, reference)) {
                    try assertClose(a, e, tolerance: 1e-4, "\(name) \(part) for \([batch, cin, cout, h, w])")
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

    func testTransposedKernelMatchesIm2col() throws {
        let stream = RandomStream(seed: 11)
        // (batch, cin, cout, h, w): widths below one vector, whole vectors, wide tiles followed
        // by one-vector and partial tiles; odd channel counts; a lone image (rows split across
        // threads) and a batch.
        for (batch, cin, cout, h, w) in [(2, 3, 5, 3, 5), (1, 4, 3, 6, 16), (3, 7, 9, 2, 40), (1, 16, 8, 12, 37), (2, 1, 1, 1, 1)] {
            let x = try Tensor.randn([batch, cin, h, w], stream: stream), wt = try Tensor.randn([cin, cout, 2, 2], stream: stream)
            let b = try Tensor.randn([cout], stream: stream)
            let reference = try using(.im2col) { try NN.convTranspose2d(x, weight: wt, bias: b, stride: 2) }
            let detected = VectorKernels.level
            defer { VectorKernels.level = detected }
            for level in stride(from: detected, to: 0, by: -1) {
                VectorKernels.level = level
                let g = try ConvGeometry(channels: cout, height: 2 * h, width: 2 * w, kernel: 2, stride: 2, padding: 0)
                XCTAssertTrue(using(.auto) { TransposedConvolution.runs(g) })
                let direct = try using(.auto) { try NN.convTranspose2d(x, weight: wt, bias: b, stride: 2) }
                try assertClose(direct, reference, tolerance: 1e-5, "transposed kernel (\(VectorKernels.levelName)) for \([batch, cin, cout, h, w])")
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
        try eachAlternative { name, algorithm in
            let fused = try using(algorithm) { try NN.conv2dThenAffine(x, weight: w, bias: b, stride: 1, padding: 1, affine: affine) }
            try assertClose(fused, reference, tolerance: 1e-4, "\(name) fused epilogue")
        }
    }

    /// The transforms reproduce a hand-computed correlation exactly enough: a 1-channel 2x2
    /// image with kernel 1..9 (padding 1) gives, e.g., top-left = 5*1 + 6*2 + 8*3 + 9*4.
    func testHandComputedSmallImage() throws {
        let x = try Tensor([1, 2, 3, 4], shape: [1, 1, 2, 2])
        let w = try Tensor((1...9).map(Float.init), shape: [1, 1, 3, 3])
        try eachAlternative { name, algorithm in
            let y = try using(algorithm) { try floats(NN.conv2d(x, weight: w, padding: 1)) }
            let expected: [Float] = [5 * 1 + 6 * 2 + 8 * 3 + 9 * 4, 4 * 1 + 5 * 2 + 7 * 3 + 8 * 4,
                                     2 * 1 + 3 * 2 + 5 * 3 + 6 * 4, 1 * 1 + 2 * 2 + 4 * 3 + 5 * 4]
            for (a, e) in zip(y, expected) { XCTAssertEqual(a, e, accuracy: 1e-4, name) }
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

    func testAutoTakesTheDirectKernelOnImagesAsWideAsItsTile() throws {
        try XCTSkipUnless(DirectConvolution.isAvailable, "this CPU has neither AVX-512 nor AVX2 with FMA")
        func isDirect(_ g: ConvGeometry) -> Bool {
            if case .direct = ConvAlgorithm.path(for: g) { return true }
            return false
        }
        try using(.auto) {
            let tile = DirectConvolution.tileWidth
            for (width, expected) in [(tile - 1, false), (tile, true), (256, true)] {
                let g = try ConvGeometry(channels: 16, height: 8, width: width, kernel: 3, stride: 1, padding: 1)
                XCTAssertEqual(isDirect(g), expected, "width \(width), tile \(tile)")
            }
            let strided = try ConvGeometry(channels: 16, height: 64, width: 64, kernel: 3, stride: 2, padding: 1)
            XCTAssertFalse(isDirect(strided))
        }
        try using(.direct) {
            let narrow = try ConvGeometry(channels: 16, height: 8, width: 2, kernel: 3, stride: 1, padding: 1)
            XCTAssertTrue(isDirect(narrow), "direct chosen by name runs on every width")
            XCTAssertNil(ConvAlgorithm.winogradTransform(for: narrow))
        }
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "AUTO"]), .auto)
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "direct"]), .direct)
    }

    func testAutoTakesTheWinogradKernelWhereItMeasuredFaster() {
        let tile = DirectConvolution.tileWidth
        using(.auto) {
            XCTAssertTrue(DirectConvolution.usesWinograd(inChannels: 16, outChannels: 64, width: 2 * tile))
            XCTAssertFalse(DirectConvolution.usesWinograd(inChannels: 8, outChannels: 64, width: 256), "too few input channels")
            XCTAssertFalse(DirectConvolution.usesWinograd(inChannels: 64, outChannels: 8, width: 256), "too few output channels")
            XCTAssertFalse(DirectConvolution.usesWinograd(inChannels: 64, outChannels: 64, width: 2 * tile - 1), "less than a vector of tiles")
        }
        using(.direct) { XCTAssertFalse(DirectConvolution.usesWinograd(inChannels: 64, outChannels: 64, width: 256)) }
        using(.directWinograd) { XCTAssertTrue(DirectConvolution.usesWinograd(inChannels: 1, outChannels: 1, width: 1)) }
        XCTAssertEqual(ConvAlgorithm.fromEnvironment(["SEGNB_CONV": "direct-winograd"]), .directWinograd)
    }

    func testDirectKernelCapFromEnvironment() {
        XCTAssertEqual(VectorKernels.cappedLevel(supported: 2, environment: [:]), 2)
        XCTAssertEqual(VectorKernels.cappedLevel(supported: 2, environment: ["SEGNB_MAX_CPU_ISA": "AVX2"]), 1)
        XCTAssertEqual(VectorKernels.cappedLevel(supported: 2, environment: ["SEGNB_MAX_CPU_ISA": "none"]), 0)
        // A cap above what the CPU has changes nothing; an unknown name is ignored (with a message).
        XCTAssertEqual(VectorKernels.cappedLevel(supported: 1, environment: ["SEGNB_MAX_CPU_ISA": "avx512"]), 1)
        XCTAssertEqual(VectorKernels.cappedLevel(supported: 2, environment: ["SEGNB_MAX_CPU_ISA": "sse"]), 2)
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
