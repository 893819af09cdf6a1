import CNNKernels
import SegTensor

/// 3x3 stride-1 padding-1 convolution on the vector kernels of CNNKernels (AVX-512 or AVX2,
/// chosen at run time): the forward pass and the input gradient (the same kernel over dY with the
/// flipped, transposed weights) on the direct kernel or, where `usesWinograd` says, the Winograd
/// F(2x2, 3x3) kernel; the weight gradient on its own direct kernel.
///
/// Like the im2col path it runs over `ImageLanes` (each core its share of the batch); a lone
/// image splits its output rows across the compute threads instead. The forward pass and the
/// input gradient pad their input a few rows at a time into a small ring as they go; the weight
/// gradient reads a zero-padded, row-interleaved copy of each input image (one pass over the
/// input, against im2col's nine).
enum DirectConvolution {
    /// The kernel level in use (VectorKernels.level): 2 for AVX-512, 1 for AVX2, 0 for neither.
    static var level: Int32 { VectorKernels.level }
    /// Whether this CPU has a direct kernel; without one the convolutions take the im2col path.
    static var isAvailable: Bool { level > 0 }
    /// Whether the kernel can run a convolution of geometry `g`: this CPU has it, and the sizes
    /// fit the C kernel's 32-bit ints with room for padding (beyond that, im2col runs instead).
    static func runs(_ g: ConvGeometry) -> Bool {
        isAvailable && max(g.channels, g.height, g.width) < Int(Int32.max) / 4
    }

    /// Pixels of a row one tile of the kernel covers: narrower images leave part of it idle.
    static var tileWidth: Int { Int(segnb_direct_conv_tile_width(level)) }
    /// The fewest pixels per image for which the weight gradient is computed directly. The
    /// kernel reduces each (output, input) channel pair's vector sums once per image (or per
    /// band of 2048 pixels); on smaller images those reductions and the re-reads of the input
    /// outweigh the multiplies, and im2col + sgemm was faster (256 -> 256 channels at 24x32: 23 ms
    /// against 32 ms per image; 64 -> 64 at 48x64: 7.5 ms against 5.2 ms the other way).
    static let weightGradientPixels = 2048

    /// Whether the weight gradient of a convolution over images of `pixels` pixels is computed
    /// directly (else by im2col + sgemm, with dX still direct).
    static func computesWeightGradient(pixels: Int) -> Bool { pixels >= weightGradientPixels }

    /// out[n] = conv3x3(x[n], weight, padding 1) (+ bias), then `epilogue`; `weight` is
    /// [outChannels][channels][3][3] and the output has the input's height and width.
    static func convolve(x: UnsafePointer<Float>, batch: Int, channels: Int, height: Int, width: Int,
                         weight: UnsafePointer<Float>, outChannels: Int, bias: UnsafePointer<Float>?,
                         epilogue: ChannelAffine?, out: UnsafeMutablePointer<Float>) throws {
        if batch == 0 || outChannels == 0 || height == 0 || width == 0 { return }
        let kernel = try RowKernel(weight: weight, inChannels: channels, outChannels: outChannels, height: height, width: width)
        let pixels = height * width
        withEpilogue(epilogue) { scale, shift, relu in
            ImageLanes.run(ImageLanes.plan(batch: batch)) { lane in
                for n in lane.images {
                    // The epilogue is applied in the kernel, to each tile before it is stored.
                    kernel.run(lane, image: x + n * channels * pixels, bias: bias, scale: scale, shift: shift, relu: relu,
                               out: out + n * outChannels * pixels)
                }
            }
        }
    }

    /// Whether the forward pass (or input gradient) from `inChannels` to `outChannels` channels
    /// on images `width` wide runs the Winograd F(2x2, 3x3) kernel rather than the direct one:
    /// always under `direct-winograd`, never under `direct`, and under `auto` where it measured
    /// faster: at least 16 channels each side (below that its transforms outweigh the 2.25x
    /// fewer multiplies: 3 -> 16 channels took 1.7x the direct kernel's time, 8 -> 16 1.1x) on
    /// rows of at least one whole vector of 2x2 tiles.
    static func usesWinograd(inChannels: Int, outChannels: Int, width: Int) -> Bool {
        switch ConvAlgorithm.selected {
        case .directWinograd: return true
        case .auto: return min(inChannels, outChannels) >= 16 && width >= 2 * tileWidth
        default: return false
        }
    }

    /// The gradients of `convolve` (without its epilogue): dX into `gradInput` and dW, this
    /// batch's alone, into `gradWeight`, each when asked for.
    static func backward(x: UnsafePointer<Float>, batch: Int, channels: Int, height: Int, width: Int,
                         weight: UnsafePointer<Float>, outChannels: Int, gradOut: UnsafePointer<Float>,
                         gradInput: UnsafeMutablePointer<Float>?, gradWeight: UnsafeMutablePointer<Float>?) throws {
        let pixels = height * width
        if batch == 0 || outChannels == 0 || channels == 0 || pixels == 0 {
            gradWeight?.update(repeating: 0, count: outChannels * channels * 9)
            return
        }
        let lanes = ImageLanes.plan(batch: batch)
        let weightGradients = try ConvKernels.laneWeightGradients(gradWeight, lanes: lanes, count: outChannels * channels * 9)
        let paddedInputs = weightGradients == nil ? [] : try Workspace.buffers(Workspace.laneColumns, for: lanes, count: paddedSize(channels, height, width))
        var adjoint: RowKernel?
        if gradInput != nil {
            // dX is the padding-1 correlation of dY with the flipped, transposed kernel.
            let flipped = ConvKernels.flip(weight, outChannels: outChannels, inChannels: channels, kernel: 3)
            adjoint = try flipped.withUnsafeBufferPointer { buffer in
                try buffer.baseAddress.map {
                    try RowKernel(weight: $0, inChannels: outChannels, outChannels: channels, height: height, width: width)
                }
            }
        }
        ImageLanes.run(lanes) { lane in
            // Each lane's sum starts at zero (lane 0's is gradWeight itself); the kernel adds to it.
            if let weightGradients { weightGradients[lane.index].update(repeating: 0, count: outChannels * channels * 9) }
            for n in lane.images {
                let dy = gradOut + n * outChannels * pixels
                if let weightGradients {
                    let padded = paddedInputs[lane.index]
                    segnb_direct_conv_pad(level, x + n * channels * pixels, Int32(channels), Int32(height), Int32(width), padded)
                    segnb_direct_conv_weight_grad(level, padded, Int32(channels), Int32(height), Int32(width), dy,
                                                  Int32(outChannels), weightGradients[lane.index])
                }
                if let gradInput, let adjoint {
                    adjoint.run(lane, image: dy, bias: nil, scale: nil, shift: nil, relu: 0, out: gradInput + n * channels * pixels)
                }
            }
        }
        if let weightGradients, let gradWeight {
            ConvKernels.sumLaneWeightGradients(weightGradients, into: gradWeight, count: outChannels * channels * 9)
        }
    }

    /// Calls `body` with the epilogue's scale and shift (nil without one) and its ReLU flag.
    private static func withEpilogue(_ epilogue: ChannelAffine?,
                                     _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?, Int32) -> Void) {
        guard let epilogue else { return body(nil, nil, 0) }
        epilogue.scale.withUnsafeBufferPointer { scale in
            epilogue.shift.withUnsafeBufferPointer { shift in body(scale.baseAddress, shift.baseAddress, epilogue.relu ? 1 : 0) }
        }
    }

    private static func paddedSize(_ channels: Int, _ height: Int, _ width: Int) -> Int {
        segnb_direct_conv_padded_size(level, Int32(channels), Int32(height), Int32(width))
    }

    /// The kernel that computes a forward pass (or an input gradient), with its weights packed
    /// in its layout in the shared workspace.
    private struct RowKernel {
        let winograd: Bool
        let packed: UnsafeMutablePointer<Float>
        let inChannels: Int, outChannels: Int, height: Int, width: Int

        init(weight: UnsafePointer<Float>, inChannels: Int, outChannels: Int, height: Int, width: Int) throws {
            (self.inChannels, self.outChannels, self.height, self.width) = (inChannels, outChannels, height, width)
            winograd = usesWinograd(inChannels: inChannels, outChannels: outChannels, width: width)
            let (cin, cout) = (Int32(inChannels), Int32(outChannels))
            let size = winograd ? segnb_winograd2_packed_size(level, cin, cout) : segnb_direct_conv_packed_size(level, cin, cout)
            packed = try Workspace.directWeights.floats(size)
            if winograd { segnb_winograd2_pack(level, weight, cin, cout, packed) } else { segnb_direct_conv_pack(level, weight, cin, cout, packed) }
        }

        /// One image: its output rows (row pairs for Winograd) split as `lane.rows` splits them,
        /// each part with its own scratch (the padded rows in use, a few tens of kilobytes for the
        /// direct kernel and a few hundred for Winograd's transformed row pair), freed on return.
        func run(_ lane: ImageLane, image: UnsafePointer<Float>, bias: UnsafePointer<Float>?, scale: UnsafePointer<Float>?,
                 shift: UnsafePointer<Float>?, relu: Int32, out: UnsafeMutablePointer<Float>) {
            let (cin, cout, h, w) = (Int32(inChannels), Int32(outChannels), Int32(height), Int32(width))
            let scratchSize = winograd ? segnb_winograd2_scratch_size(level, cin, cout, w) : segnb_direct_conv_ring_size(level, cin, w)
            let units = winograd ? (height + 1) / 2 : height
            lane.rows(units, work: outChannels * inChannels * 9 * height * width) { first, end in
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchSize)
                defer { scratch.deallocate() }
                if winograd {
                    segnb_winograd2_rows(level, image, cin, h, w, packed, cout, bias, scale, shift, relu, out, Int32(first), Int32(end), scratch)
                } else {
                    segnb_direct_conv_rows(level, image, cin, h, w, packed, cout, bias, scale, shift, relu, out, Int32(first), Int32(end), scratch)
                }
            }
        }
    }
}
