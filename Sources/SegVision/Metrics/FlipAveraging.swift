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
        let mean = try (logits.softmax(axis: 1) + mirroredLogits.softmax(axis: 1)) * 0.5
        // A probability that underflows to 0 would give -inf and an infinite loss; the floor keeps it finite.
        return try mean.maximum(Tensor.scalar(Double(Float.leastNormalMagnitude))).log()
    }
}
