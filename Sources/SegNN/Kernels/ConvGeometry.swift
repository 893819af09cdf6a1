import SegTensor

/// The sizes of one 2-D convolution over a single image: input channels and extent, square
/// kernel, stride and zero padding, and the output extent they imply.
struct ConvGeometry {
    let channels, height, width: Int
    let kernel, stride, padding: Int
    let outHeight, outWidth: Int

    /// Validates the sizes and computes the output extent, or throws naming the layer's shapes.
    init(channels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int) throws {
        guard kernel >= 1, stride >= 1, padding >= 0 else {
            throw TensorError("convolution needs kernel >= 1, stride >= 1, padding >= 0; got kernel \(kernel), stride \(stride), padding \(padding)")
        }
        let margin = try Shape.checkedProduct([2, padding], "convolution padding \(padding)")
        let paddedHeight = try Shape.checkedSum([height, margin], "the padded input height")
        let paddedWidth = try Shape.checkedSum([width, margin], "the padded input width")
        guard paddedHeight >= kernel, paddedWidth >= kernel else {
            throw TensorError("convolution kernel \(kernel) is larger than the padded input \(paddedHeight)x\(paddedWidth)")
        }
        (self.channels, self.height, self.width) = (channels, height, width)
        (self.kernel, self.stride, self.padding) = (kernel, stride, padding)
        outHeight = (paddedHeight - kernel) / stride + 1
        outWidth = (paddedWidth - kernel) / stride + 1
    }

    /// Rows of the column matrix: channels * kernel * kernel.
    var columnRows: Int { channels * kernel * kernel }
    /// Columns of the column matrix: output pixels.
    var outPixels: Int { outHeight * outWidth }
    /// Input pixels per channel.
    var inPixels: Int { height * width }
    /// True when the column matrix is the image itself (1x1, stride 1, no padding).
    var isPointwise: Bool { kernel == 1 && stride == 1 && padding == 0 }

    /// Output rows split into bands whose column matrix stays near `floats` floats (at least
    /// `bandMinimumPixels` output pixels each), so that im2col writes into cache and the GEMM reads from it.
    func outputBands(floats: Int = ConvGeometry.bandFloats) -> [Range<Int>] {
        let perRow = columnRows * outWidth
        let minimumRows = (ConvGeometry.bandMinimumPixels + outWidth - 1) / max(outWidth, 1)
        let rows = max(1, max(minimumRows, floats / max(perRow, 1)))
        return Swift.stride(from: 0, to: outHeight, by: rows).map { $0..<min(outHeight, $0 + rows) }
    }

    /// The fewest output pixels a band has (narrower GEMMs lose efficiency).
    nonisolated(unsafe) static var bandMinimumPixels = 1024

    /// The column-matrix size a band aims for: 512 KB, half a core's L2 cache (128K floats measured
    /// best of 64K-512K on the base-16 U-Net step; Benchmarks/NN.md).
    nonisolated(unsafe) static var bandFloats = 131_072

    /// The output columns `ox` whose input column `ox * stride - padding + kx` lies inside the image.
    @inline(__always)
    func validColumns(kx: Int) -> Range<Int> {
        let shift = kx - padding
        // smallest ox with ox*stride + shift >= 0
        let low = shift >= 0 ? 0 : (-shift + stride - 1) / stride
        // largest ox with ox*stride + shift <= width - 1
        let highInclusive = width - 1 - shift < 0 ? -1 : (width - 1 - shift) / stride
        let high = min(outWidth, highInclusive + 1)
        return low < high ? low..<high : 0..<0
    }
}
