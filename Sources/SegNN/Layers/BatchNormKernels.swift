import SegTensor

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
                    // The masked gradient is staged in the input-gradient buffer and finished in
                    // place; masking, Σdy' and Σdy'(x - mean) share one sweep.
                    let (rowSum, rowDot) = maskAndReduce(x: x + offset, gradOut: gradOut + offset, staged: gradInput + offset,
                                                         count: pixels, scale: a, shift: b, mean: m, relu: relu)
                    sumDy += Double(rowSum)
                    sumDyXhat += Double(s) * Double(rowDot)
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

    /// staged = relu ? (x·scale + shift > 0 ? dy : 0) : dy; returns (Σ staged, Σ staged·(x - mean)).
    @inline(__always)
    static func maskAndReduce(x: UnsafePointer<Float>, gradOut: UnsafePointer<Float>, staged: UnsafeMutablePointer<Float>,
                              count: Int, scale: Float, shift: Float, mean: Float, relu: Bool) -> (Float, Float) {
        var sum = SIMD16<Float>(repeating: 0), dot = SIMD16<Float>(repeating: 0)
        let a = SIMD16<Float>(repeating: scale), b = SIMD16<Float>(repeating: shift), m = SIMD16<Float>(repeating: mean)
        let zero = SIMD16<Float>(repeating: 0)
        let rx = UnsafeRawPointer(x), rdy = UnsafeRawPointer(gradOut), rout = UnsafeMutableRawPointer(staged)
        var i = 0
        while i + 16 <= count {
            let xs = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            var dy = rdy.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            if relu { dy.replace(with: zero, where: xs * a + b .<= zero) }
            rout.storeBytes(of: dy, toByteOffset: i * 4, as: SIMD16<Float>.self)
            sum += dy
            dot += dy * (xs - m)
            i += 16
        }
        var totalSum = sum.sum(), totalDot = dot.sum()
        while i < count {
            let dy = relu && x[i] * scale + shift <= 0 ? 0 : gradOut[i]
            staged[i] = dy
            totalSum += dy
            totalDot += dy * (x[i] - mean)
            i += 1
        }
        return (totalSum, totalDot)
    }
}
