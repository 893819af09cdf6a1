import Foundation

/// Numerically stable softmax and log-softmax along one axis (the maximum is subtracted first).
extension Tensor {
    /// exp(x) / sum(exp(x)) along `axis`.
    public func softmax(axis: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank)
        let out = try SoftmaxKernel.run(self, axis: a, log: false)
        return Tensor.record(out, name: "softmax", inputs: [self], backward: DerivativeRules.softmax(out, axis: a))
    }

    /// x - log(sum(exp(x))) along `axis`.
    public func logSoftmax(axis: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank)
        let out = try SoftmaxKernel.run(self, axis: a, log: true)
        return Tensor.record(out, name: "log_softmax", inputs: [self], backward: DerivativeRules.logSoftmax(out, axis: a))
    }
}

/// The [outer, n, inner] softmax loop over contiguous float32 memory.
enum SoftmaxKernel {
    static func run(_ x: Tensor, axis: Int, log: Bool) throws -> Tensor {
        guard x.rank > 0 else { throw TensorError("softmax of a 0-d tensor: it has no axis") }
        let input = try StridedCopy.contiguousIfNeeded(x.converted(to: .float32))
        let out = try Tensor(shape: x.shape, dtype: .float32, zeroed: false)
        let outer = Shape.count(Array(x.shape[..<axis])), n = x.shape[axis]
        let inner = Shape.count(Array(x.shape[(axis + 1)...]))
        if n == 0 || out.count == 0 { return out }
        let p = input.pointer(as: Float.self), o = out.pointer(as: Float.self)
        Parallel.forRanges(outer, work: out.count * 8) { start, end in
            var maxima = [Float](repeating: 0, count: inner), sums = [Float](repeating: 0, count: inner)
            for a in start..<end {
                let src = p + a * n * inner, dst = o + a * n * inner
                for j in 0..<inner { maxima[j] = src[j] }
                for k in 1..<n { for j in 0..<inner { maxima[j] = Swift.max(maxima[j], src[k * inner + j]) } }
                for j in 0..<inner { sums[j] = 0 }
                for k in 0..<n {
                    for j in 0..<inner {
                        let e = Foundation.exp(src[k * inner + j] - maxima[j])
                        dst[k * inner + j] = e
                        sums[j] += e
                    }
                }
                if log {
                    for j in 0..<inner { sums[j] = maxima[j] + Foundation.log(sums[j]) }
                    for k in 0..<n { for j in 0..<inner { dst[k * inner + j] = src[k * inner + j] - sums[j] } }
                } else {
                    for j in 0..<inner { sums[j] = 1 / sums[j] }
                    for k in 0..<n { for j in 0..<inner { dst[k * inner + j] *= sums[j] } }
                }
            }
        }
        return out
    }
}
