import SegTensor

/// The batched forward and backward passes of convolution and transposed convolution over raw
/// NCHW buffers, as im2col/col2im around one sgemm per image.
///
/// A transposed convolution is the adjoint of a convolution with the same geometry (the
/// geometry's "input" is the transposed convolution's output), so the two share both kernels.
enum ConvKernels {
    /// out[n] = W[cout, K] x im2col(x[n]) (+ bias).
    static func convForward(x: UnsafePointer<Float>, batch: Int, g: ConvGeometry, weight: UnsafePointer<Float>,
                            outChannels: Int, bias: UnsafePointer<Float>?, out: UnsafeMutablePointer<Float>) throws {
        let rows = g.columnRows, pixels = g.outPixels
        let columns = g.isPointwise ? nil : try Workspace.shared.floats(rows * pixels)
        for n in 0..<batch {
            let image = x + n * g.channels * g.inPixels
            let result = out + n * outChannels * pixels
            var source = image
            if let columns {
                Im2Col.im2col(image, g, columns)
                source = UnsafePointer(columns)
            }
            Gemm.multiply(transposeA: false, transposeB: false, m: outChannels, n: pixels, k: rows,
                          a: weight, lda: rows, b: source, ldb: pixels, beta: 0, c: result, ldc: pixels)
            if let bias { addBias(result, bias, channels: outChannels, pixels: pixels) }
        }
    }

    /// Gradients of a convolution: dW += dY[n] x cols[n]^T, and dX[n] either as the correlation
    /// of dY[n] with the flipped kernel (stride 1: im2col of dY then one sgemm straight into dX,
    /// which avoids col2im's scattered adds and a column-sized zero fill) or as
    /// col2im(W^T x dY[n]) for strided convolutions.
    static func convBackward(x: UnsafePointer<Float>, batch: Int, g: ConvGeometry, weight: UnsafePointer<Float>,
                             outChannels: Int, gradOut: UnsafePointer<Float>,
                             gradInput: UnsafeMutablePointer<Float>?, gradWeight: UnsafeMutablePointer<Float>?) throws {
        let rows = g.columnRows, pixels = g.outPixels
        let columns = g.isPointwise ? nil : try Workspace.shared.floats(rows * pixels)
        let flipped = gradInput != nil && !g.isPointwise && g.stride == 1 && g.padding <= g.kernel - 1
        let adjoint = flipped
            ? try ConvGeometry(channels: outChannels, height: g.outHeight, width: g.outWidth, kernel: g.kernel,
                               stride: 1, padding: g.kernel - 1 - g.padding) : nil
        var flippedWeight: [Float] = []
        if flipped { flippedWeight = flip(weight, outChannels: outChannels, inChannels: g.channels, kernel: g.kernel) }
        var adjointColumns: UnsafeMutablePointer<Float>? = nil
        if let adjoint { adjointColumns = try Workspace.adjoint.floats(adjoint.columnRows * adjoint.outPixels) }
        for n in 0..<batch {
            let image = x + n * g.channels * g.inPixels
            let dy = gradOut + n * outChannels * pixels
            if let gradWeight {
                var source = image
                if let columns {
                    Im2Col.im2col(image, g, columns)
                    source = UnsafePointer(columns)
                }
                Gemm.multiply(transposeA: false, transposeB: true, m: outChannels, n: rows, k: pixels,
                              a: dy, lda: pixels, b: source, ldb: pixels, beta: n == 0 ? 0 : 1, c: gradWeight, ldc: rows)
            }
            guard let gradInput else { continue }
            let dx = gradInput + n * g.channels * g.inPixels
            if let adjoint, let adjointColumns {
                Im2Col.im2col(dy, adjoint, adjointColumns)
                let depth = outChannels * g.kernel * g.kernel
                flippedWeight.withUnsafeBufferPointer { w in
                    Gemm.multiply(transposeA: false, transposeB: false, m: g.channels, n: g.inPixels, k: depth,
                                  a: w.baseAddress.unsafelyUnwrapped, lda: depth, b: adjointColumns, ldb: g.inPixels,
                                  beta: 0, c: dx, ldc: g.inPixels)
                }
            } else if let columns {
                Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: outChannels,
                              a: weight, lda: rows, b: dy, ldb: pixels, beta: 0, c: columns, ldc: pixels)
                dx.update(repeating: 0, count: g.channels * g.inPixels)
                Im2Col.col2im(columns, g, dx)
            } else {
                Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: outChannels,
                              a: weight, lda: rows, b: dy, ldb: pixels, beta: 0, c: dx, ldc: pixels)
            }
        }
    }

    /// W[co, ci, ky, kx] -> Wf[ci, co, k-1-ky, k-1-kx]: the kernel of the adjoint correlation.
    static func flip(_ weight: UnsafePointer<Float>, outChannels: Int, inChannels: Int, kernel k: Int) -> [Float] {
        var result = [Float](repeating: 0, count: outChannels * inChannels * k * k)
        for co in 0..<outChannels {
            for ci in 0..<inChannels {
                for ky in 0..<k {
                    for kx in 0..<k {
                        result[((ci * outChannels + co) * k + (k - 1 - ky)) * k + (k - 1 - kx)] = weight[((co * inChannels + ci) * k + ky) * k + kx]
                    }
                }
            }
        }
        return result
    }

    /// Transposed convolution: out[n] = col2im(W^T x x[n]) (+ bias), W laid out [cin, cout*k*k].
    /// `g` describes the adjoint convolution: g.channels = cout over the output image.
    static func transposedForward(x: UnsafePointer<Float>, batch: Int, inChannels: Int, g: ConvGeometry,
                                  weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                  out: UnsafeMutablePointer<Float>) throws {
        let rows = g.columnRows, pixels = g.outPixels
        let columns = try Workspace.shared.floats(rows * pixels)
        for n in 0..<batch {
            let image = x + n * inChannels * pixels
            let result = out + n * g.channels * g.inPixels
            Gemm.multiply(transposeA: true, transposeB: false, m: rows, n: pixels, k: inChannels,
                          a: weight, lda: rows, b: image, ldb: pixels, beta: 0, c: columns, ldc: pixels)
            let tiles = g.kernel == g.stride && g.padding == 0 && g.outHeight * g.stride == g.height && g.outWidth * g.stride == g.width
            if !tiles { result.update(repeating: 0, count: g.channels * g.inPixels) }
            Im2Col.col2im(columns, g, result, overwrite: tiles)
            if let bias { addBias(result, bias, channels: g.channels, pixels: g.inPixels) }
        }
    }

    /// Gradients of a transposed convolution: cols = im2col(dY[n]); dX[n] = W x cols; dW += x[n] x cols^T.
    static func transposedBackward(x: UnsafePointer<Float>, batch: Int, inChannels: Int, g: ConvGeometry,
                                   weight: UnsafePointer<Float>, gradOut: UnsafePointer<Float>,
                                   gradInput: UnsafeMutablePointer<Float>?, gradWeight: UnsafeMutablePointer<Float>?) throws {
        let rows = g.columnRows, pixels = g.outPixels
        let columns = try Workspace.shared.floats(rows * pixels)
        for n in 0..<batch {
            let image = x + n * inChannels * pixels
            Im2Col.im2col(gradOut + n * g.channels * g.inPixels, g, columns)
            if let gradInput {
                Gemm.multiply(transposeA: false, transposeB: false, m: inChannels, n: pixels, k: rows,
                              a: weight, lda: rows, b: columns, ldb: pixels, beta: 0,
                              c: gradInput + n * inChannels * pixels, ldc: pixels)
            }
            if let gradWeight {
                Gemm.multiply(transposeA: false, transposeB: true, m: inChannels, n: rows, k: pixels,
                              a: image, lda: pixels, b: columns, ldb: pixels, beta: n == 0 ? 0 : 1, c: gradWeight, ldc: rows)
            }
        }
    }

    /// Adds bias[c] to every pixel of channel c.
    static func addBias(_ data: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, channels: Int, pixels: Int) {
        for c in 0..<channels {
            let b = bias[c], row = data + c * pixels
            for i in 0..<pixels { row[i] += b }
        }
    }

    /// Sums dY over batch and pixels per channel: the bias gradient.
    static func biasGradient(_ gradOut: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                             into result: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            var total: Double = 0
            for n in 0..<batch {
                let row = gradOut + (n * channels + c) * pixels
                var partial: Float = 0
                for i in 0..<pixels { partial += row[i] }
                total += Double(partial)
            }
            result[c] = Float(total)
        }
    }
}
