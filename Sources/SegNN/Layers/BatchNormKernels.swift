/// Per-channel batch normalisation over NCHW buffers, optionally fused with a following ReLU
/// (the U-Net's double convolution always applies one), channels split across both cores.
enum BatchNormKernels {
    /// Mean and biased variance of each channel over batch and pixels (two passes, for accuracy).
    static func statistics(_ x: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                           mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        let total = Double(batch * pixels)
        Parallel.forEachChunk(channels, work: batch * channels * pixels) { range in
            for c in range {
                var sum: Double = 0
                for n in 0..<batch { sum += Double(RowReductions.sum(x + (n * channels + c) * pixels, pixels)) }
                let m = Float(sum / total)
                var deviation: Double = 0
                for n in 0..<batch {
                    deviation += Double(RowReductions.squaredDeviation(x + (n * channels + c) * pixels, pixels, mean: m))
                }
                mean[c] = m
                variance[c] = Float(deviation / total)
            }
        }
    }

    /// y = x * scale[c] + shift[c], then max(0, y) when `relu`.
    static func affine(_ x: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                       scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, relu: Bool, out: UnsafeMutablePointer<Float>) {
        Parallel.forEachChunk(batch * channels, work: batch * channels * pixels) { rows in
            for row in rows {
                let c = row % channels, a = scale[c], b = shift[c]
                let source = x + row * pixels, destination = out + row * pixels
                if relu {
                    for i in 0..<pixels { destination[i] = max(0, source[i] * a + b) }
                } else {
                    for i in 0..<pixels { destination[i] = source[i] * a + b }
                }
            }
        }
    }

    /// The input gradient (and Σdy, Σdy·x̂ per channel for the affine parameters).
    ///
    /// Train mode: dx = scale * (dy' - Σdy'/M - x̂ Σdy'x̂/M) with dy' the ReLU-masked gradient and
    /// x̂ = (x - mean) / σ; eval mode: dx = scale * dy'. The mask is recomputed from x rather than
    /// saving the output, so the graph does not keep the output alive.
    static func backward(x: UnsafePointer<Float>, gradOut: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                         mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>, scale: UnsafePointer<Float>,
                         shift: UnsafePointer<Float>, relu: Bool, training: Bool,
                         gradInput: UnsafeMutablePointer<Float>, sumGrad: UnsafeMutablePointer<Float>,
                         sumGradXhat: UnsafeMutablePointer<Float>) {
        let count = Float(batch * pixels)
        Parallel.forEachChunk(channels, work: batch * channels * pixels) { range in
            for c in range {
                let a = scale[c], b = shift[c], m = mean[c], s = invStd[c]
                var sumDy: Double = 0, sumDyXhat: Double = 0
                for n in 0..<batch {
                    let offset = (n * channels + c) * pixels
                    // The masked gradient is staged in the input-gradient buffer and finished in place.
                    let xs = x + offset, dys = gradOut + offset, dm = gradInput + offset
                    if relu {
                        for i in 0..<pixels { dm[i] = xs[i] * a + b > 0 ? dys[i] : 0 }
                    } else {
                        dm.update(from: dys, count: pixels)
                    }
                    let rowSum = RowReductions.sum(dm, pixels)
                    sumDy += Double(rowSum)
                    sumDyXhat += Double(s) * Double(RowReductions.centeredDot(dm, xs, pixels, mean: m))
                }
                sumGrad[c] = Float(sumDy)
                sumGradXhat[c] = Float(sumDyXhat)
                let meanDy = Float(sumDy) / count, meanDyXhat = Float(sumDyXhat) / count
                for n in 0..<batch {
                    let offset = (n * channels + c) * pixels
                    let xs = x + offset, dx = gradInput + offset
                    if training {
                        for i in 0..<pixels {
                            let xhat = (xs[i] - m) * s
                            dx[i] = a * (dx[i] - meanDy - xhat * meanDyXhat)
                        }
                    } else {
                        for i in 0..<pixels { dx[i] *= a }
                    }
                }
            }
        }
    }
}
