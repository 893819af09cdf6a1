import Foundation
import SegTensor

/// Validated [N, C, H, W] logits with [N, H, W] int32 targets, shared by the per-pixel losses.
struct PixelLogits {
    let logits: Tensor
    let target: Tensor
    let batch: Int, classes: Int, pixels: Int

    /// Checks shapes, dtypes and every target value (a class index or `ignoreIndex`).
    init(_ logits: Tensor, _ target: Tensor, ignoreIndex: Int, loss: String) throws {
        let (n, c, h, w) = try logits.nchw("\(loss) logits")
        guard c >= 1 else { throw TensorError("\(loss) logits need at least one class, got shape \(logits.shape)") }
        guard target.dtype == .int32 else { throw TensorError("\(loss) target must be int32, got \(target.dtype)") }
        guard target.shape == [n, h, w] else {
            throw TensorError("\(loss) target must have shape \([n, h, w]) for logits \(logits.shape), got \(target.shape)")
        }
        self.logits = try logits.contiguousFloats("\(loss) logits")
        self.target = try target.contiguous()
        batch = n; classes = c; pixels = h * w
        let labels = self.target.pointer(as: Int32.self)
        for i in 0..<(n * h * w) {
            let y = Int(labels[i])
            if y != ignoreIndex && (y < 0 || y >= c) {
                let (b, rest) = i.quotientAndRemainder(dividingBy: h * w)
                throw TensorError("\(loss) target \(y) at [\(b), \(rest / w), \(rest % w)] is not a class in 0..<\(c) (ignore_index is \(ignoreIndex))")
            }
        }
    }

    /// The label of pixel `p` of image `n`.
    @inline(__always)
    func label(_ n: Int, _ p: Int) -> Int { Int(target.pointer(as: Int32.self)[n * pixels + p]) }

    /// Writes the softmax of image `n` into `probabilities` [C, pixels] (stable: max subtracted)
    /// and each pixel's log-sum-exp into `logSumExp`; `totals` is pixels floats of scratch.
    /// Every pass runs along class rows, so the inner loops are contiguous and vectorise.
    func softmax(image n: Int, probabilities: UnsafeMutablePointer<Float>, logSumExp: UnsafeMutablePointer<Float>,
                 totals: UnsafeMutablePointer<Float>) {
        let x = logits.floats + n * classes * pixels
        logSumExp.update(from: x, count: pixels)
        for c in 1..<max(classes, 1) {
            let row = x + c * pixels
            for p in 0..<pixels { logSumExp[p] = max(logSumExp[p], row[p]) }
        }
        // logSumExp holds the max for now; probabilities get exp(x - max), then are normalised.
        totals.update(repeating: 0, count: pixels)
        for c in 0..<classes {
            let row = x + c * pixels, out = probabilities + c * pixels
            for p in 0..<pixels {
                let e = expf(row[p] - logSumExp[p])
                out[p] = e
                totals[p] += e
            }
        }
        for p in 0..<pixels {
            logSumExp[p] += logf(totals[p])
            totals[p] = 1 / totals[p]
        }
        for c in 0..<classes {
            let out = probabilities + c * pixels
            for p in 0..<pixels { out[p] *= totals[p] }
        }
    }
}
