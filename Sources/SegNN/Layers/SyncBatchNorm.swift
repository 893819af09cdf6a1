import SegTensor

/// Batch statistics averaged over the ranks of a data-parallel run (`sync: true`): every rank
/// normalises with the mean and variance of the global batch, as with PyTorch's SyncBatchNorm,
/// and the backward pass sums the per-channel gradient terms over the ranks the same way.
enum SyncBatchNorm {
    /// Replaces this rank's per-channel `mean` and biased `variance` over `count` values by those
    /// of every rank's values together; returns the global count.
    static func combineStatistics(mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>,
                                  channels: Int, count: Int) throws -> Int {
        // Sums of x and x² per channel and the count, in double so the difference stays accurate.
        var sums = [Double](repeating: 0, count: 2 * channels + 1)
        for c in 0..<channels {
            let m = Double(mean[c])
            sums[c] = Double(count) * m
            sums[channels + c] = Double(count) * (Double(variance[c]) + m * m)
        }
        sums[2 * channels] = Double(count)
        sums = try Distributed.sum(sums)
        let total = sums[2 * channels]
        for c in 0..<channels {
            let m = sums[c] / total
            mean[c] = Float(m)
            variance[c] = Float(max(0, sums[channels + c] / total - m * m))
        }
        return Int(total)
    }

    /// The input gradient of a synchronised batch norm in training mode, and this rank's Σdy and
    /// Σdy·x̂ per channel (the affine parameters' gradients, averaged later by the optimizer):
    /// dx = scale * (dy' - ΣΣdy'/M - x̂ ΣΣdy'x̂/M) with the double sums over every rank and M the
    /// global count.
    static func backward(x: UnsafePointer<Float>, gradOut: UnsafePointer<Float>, batch: Int, channels: Int, pixels: Int,
                         globalCount: Int, mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
                         scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, relu: Bool,
                         gradInput: UnsafeMutablePointer<Float>, sumGrad: UnsafeMutablePointer<Float>,
                         sumGradXhat: UnsafeMutablePointer<Float>) throws {
        var sums = [Double](repeating: 0, count: 2 * channels)
        sums.withUnsafeMutableBufferPointer { local in
            guard let local = local.baseAddress else { return }
            Parallel.forEachChunk(channels, work: batch * channels * pixels) { range in
                for c in range {
                    var sumDy: Double = 0, sumDyXhat: Double = 0
                    for n in 0..<batch {
                        let offset = (n * channels + c) * pixels
                        let (rowSum, rowDot) = BatchNormKernels.maskAndReduce(
                            x: x + offset, gradOut: gradOut + offset, staged: gradInput + offset, count: pixels,
                            scale: scale[c], shift: shift[c], mean: mean[c], relu: relu)
                        sumDy += Double(rowSum)
                        sumDyXhat += Double(invStd[c]) * Double(rowDot)
                    }
                    local[c] = sumDy
                    local[channels + c] = sumDyXhat
                    sumGrad[c] = Float(sumDy)
                    sumGradXhat[c] = Float(sumDyXhat)
                }
            }
        }
        sums = try Distributed.sum(sums)
        let total = Float(globalCount)
        Parallel.forEachChunk(channels, work: batch * channels * pixels) { range in
            for c in range {
                let a = scale[c], m = mean[c], s = invStd[c]
                let meanDy = Float(sums[c]) / total, meanDyXhat = Float(sums[channels + c]) / total
                for n in 0..<batch {
                    let offset = (n * channels + c) * pixels
                    let xs = x + offset, dx = gradInput + offset
                    for i in 0..<pixels { dx[i] = a * (dx[i] - meanDy - (xs[i] - m) * s * meanDyXhat) }
                }
            }
        }
    }
}

extension Module {
    /// Makes every batch norm in this module average its statistics over the ranks
    /// (`sync_bn: true`).
    public func synchroniseBatchNorm() {
        if let batchNorm = self as? BatchNorm2d { batchNorm.synchronised = true }
        for child in namedChildren { child.module.synchroniseBatchNorm() }
    }
}
