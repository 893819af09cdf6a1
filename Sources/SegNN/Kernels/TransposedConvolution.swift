import CNNKernels
import SegTensor

/// Transposed 2x2 stride-2 convolution (the U-Net's up-sampling) computed by the vector kernels
/// of CNNKernels: the forward pass only. Its gradients stay on im2col + sgemm, where the GEMMs
/// are [in x 4 out] by [4 out x pixels] and well shaped.
///
/// It runs under the algorithms that use the vector kernels (`direct`, `direct-winograd`, `auto`), so that
/// SEGNB_CONV=im2col still measures the all-GEMM path.
enum TransposedConvolution {
    /// Whether the kernel computes the transposed convolution whose adjoint geometry is `g`
    /// (output [g.channels, g.height, g.width], input [g.outHeight, g.outWidth]).
    static func runs(_ g: ConvGeometry) -> Bool {
        guard VectorKernels.level > 0, g.kernel == 2, g.stride == 2, g.padding == 0 else { return false }
        guard [.direct, .directWinograd, .auto].contains(ConvAlgorithm.selected) else { return false }
        return max(g.channels, g.height, g.width) < Int(Int32.max) / 4
    }

    /// out[n] = conv_transpose2d(x[n], weight, stride 2) (+ bias): `x` is [batch][inChannels]
    /// [height][width], `weight` [inChannels][outChannels][2][2], `out` [batch][outChannels]
    /// [2 height][2 width].
    static func forward(x: UnsafePointer<Float>, batch: Int, inChannels: Int, height: Int, width: Int,
                        weight: UnsafePointer<Float>, outChannels: Int, bias: UnsafePointer<Float>?,
                        out: UnsafeMutablePointer<Float>) throws {
        if batch == 0 || outChannels == 0 || height == 0 || width == 0 { return }
        let level = VectorKernels.level
        let packed = try Workspace.directWeights.floats(segnb_transposed2x2_packed_size(level, Int32(inChannels), Int32(outChannels)))
        segnb_transposed2x2_pack(level, weight, Int32(inChannels), Int32(outChannels), packed)
        let pixels = height * width
        ImageLanes.run(ImageLanes.plan(batch: batch)) { lane in
            for n in lane.images {
                lane.rows(height, work: 8 * inChannels * outChannels * pixels) { first, end in
                    segnb_transposed2x2_rows(level, x + n * inChannels * pixels, Int32(inChannels), Int32(height), Int32(width),
                                             packed, Int32(outChannels), bias, out + n * outChannels * 4 * pixels,
                                             Int32(first), Int32(end))
                }
            }
        }
    }
}
