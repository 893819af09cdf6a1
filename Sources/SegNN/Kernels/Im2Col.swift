import SegTensor

/// im2col and its adjoint col2im for one image in CHW layout.
///
/// The column matrix has one row per (channel, ky, kx) and one column per output pixel, so a
/// convolution is `weight[cout, cin*k*k] x columns[cin*k*k, oh*ow]`, a single sgemm whose result
/// is already the NCHW output image. Rows are independent, so both kernels split channels across
/// the two cores when asked to (`split`; callers that already run one image per core do not).
enum Im2Col {
    /// Fills `columns` from `image` (zero where the kernel reaches into the padding), for the
    /// output rows `band` only (all of them by default): the matrix then has
    /// `band.count * outWidth` columns.
    static func im2col(_ image: UnsafePointer<Float>, _ g: ConvGeometry, _ columns: UnsafeMutablePointer<Float>,
                       band: Range<Int>? = nil, split: Bool = true) {
        let k = g.kernel, rowsOut = band ?? 0..<g.outHeight, outPixels = rowsOut.count * g.outWidth
        Parallel.forEachChunk(g.channels, work: split ? g.columnRows * outPixels : 0) { channels in
            for c in channels {
                let plane = image + c * g.inPixels
                for ky in 0..<k {
                    for kx in 0..<k {
                        let row = columns + ((c * k + ky) * k + kx) * outPixels
                        let valid = g.validColumns(kx: kx)
                        let shift = kx - g.padding
                        for oy in rowsOut {
                            let destination = row + (oy - rowsOut.lowerBound) * g.outWidth
                            let iy = oy * g.stride - g.padding + ky
                            if iy < 0 || iy >= g.height || valid.isEmpty {
                                destination.update(repeating: 0, count: g.outWidth)
                                continue
                            }
                            let source = plane + iy * g.width
                            if valid.lowerBound > 0 { destination.update(repeating: 0, count: valid.lowerBound) }
                            if g.stride == 1 {
                                (destination + valid.lowerBound).update(from: source + valid.lowerBound + shift, count: valid.count)
                            } else {
                                for ox in valid { destination[ox] = source[ox * g.stride + shift] }
                            }
                            if valid.upperBound < g.outWidth {
                                (destination + valid.upperBound).update(repeating: 0, count: g.outWidth - valid.upperBound)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds each column entry back onto the image pixel it was read from; `image` must be zeroed
    /// (or hold values to accumulate onto). With `overwrite` the entries are stored instead,
    /// which is exact and skips the zero fill when windows tile the image (kernel == stride,
    /// no padding: the U-Net's 2x2 stride-2 transposed convolution).
    static func col2im(_ columns: UnsafePointer<Float>, _ g: ConvGeometry, _ image: UnsafeMutablePointer<Float>,
                       overwrite: Bool = false, split: Bool = true) {
        let k = g.kernel, outPixels = g.outPixels
        Parallel.forEachChunk(g.channels, work: split ? g.columnRows * outPixels : 0) { channels in
            for c in channels {
                let plane = image + c * g.inPixels
                for ky in 0..<k {
                    for kx in 0..<k {
                        let row = columns + ((c * k + ky) * k + kx) * outPixels
                        let valid = g.validColumns(kx: kx)
                        if valid.isEmpty { continue }
                        let shift = kx - g.padding
                        for oy in 0..<g.outHeight {
                            let iy = oy * g.stride - g.padding + ky
                            if iy < 0 || iy >= g.height { continue }
                            let source = row + oy * g.outWidth
                            let destination = plane + iy * g.width
                            if overwrite {
                                for ox in valid { destination[ox * g.stride + shift] = source[ox] }
                            } else if g.stride == 1 {
                                let d = destination + shift
                                for ox in valid { d[ox] += source[ox] }
                            } else {
                                for ox in valid { destination[ox * g.stride + shift] += source[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}
