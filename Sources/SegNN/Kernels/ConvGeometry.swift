import SegTensor

/// The sizes of one 2-D convolution over a single image: input channels and extent, square
/// kernel, stride and zero padding, and the output extent they imply.
struct ConvGeometry {
    let channels: Int
    let height: Int
    let width: Int
    let kernel: Int
    let stride: Int
    let padding: Int
    let outHeight: Int
    let outWidth: Int

    /// Validates the sizes and computes the output extent, or throws naming the layer's shapes.
    init(channels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int) throws {
        guard kernel >= 1, stride >= 1, padding >= 0 else {
            throw TensorError("convolution needs kernel >= 1, stride >= 1, padding >= 0; got kernel \(kernel), stride \(stride), padding \(padding)")
        }
        let paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding
        guard paddedHeight >= kernel, paddedWidth >= kernel else {
            throw TensorError("convolution kernel \(kernel) is larger than the padded input \(paddedHeight)x\(paddedWidth)")
        }
        self.channels = channels
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
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
