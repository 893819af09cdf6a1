import Foundation
import SegTensor

extension Metrics {
    /// Flip test-time augmentation: the log of the mean of the class probabilities of `logits` and
    /// of `mirroredLogits` (the model's scores for the mirrored input, mirrored back), both
    /// `[N, C, H, W]`. Being log-probabilities, the result serves as logits for argmax and for
    /// cross entropy alike.
    public static func flipAveragedScores(_ logits: Tensor, _ mirroredLogits: Tensor) throws -> Tensor {
        guard logits.shape.count == 4, logits.shape == mirroredLogits.shape, logits.dtype == .float32,
              mirroredLogits.dtype == .float32 else {
            throw VisionError("flip averaging needs two float32 [N, C, H, W] score tensors of one shape, got \(logits.shape) and \(mirroredLogits.shape)")
        }
        let a = try logits.contiguous(), b = try mirroredLogits.contiguous()
        let n = a.shape[0], classes = a.shape[1], plane = a.shape[2] * a.shape[3]
        let result = try Tensor(shape: a.shape, zeroed: false)
        let pa = a.pointer(as: Float.self), pb = b.pointer(as: Float.self), out = result.pointer(as: Float.self)
        // A probability that underflows to 0 would give -inf and an infinite loss; the floor keeps it finite.
        let floor = Float.leastNormalMagnitude
        for image in 0..<n {
            let base = image * classes * plane
            for pixel in 0..<plane {
                var maxA = -Float.infinity, maxB = -Float.infinity
                for c in 0..<classes {
                    maxA = max(maxA, pa[base + c * plane + pixel]); maxB = max(maxB, pb[base + c * plane + pixel])
                }
                var sumA: Float = 0, sumB: Float = 0
                for c in 0..<classes {
                    sumA += expf(pa[base + c * plane + pixel] - maxA); sumB += expf(pb[base + c * plane + pixel] - maxB)
                }
                for c in 0..<classes {
                    let at = base + c * plane + pixel
                    let p = 0.5 * (expf(pa[at] - maxA) / sumA + expf(pb[at] - maxB) / sumB)
                    out[at] = logf(max(p, floor))
                }
            }
        }
        return result
    }
}
