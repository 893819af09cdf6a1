import SegTensor

extension ImageOps {
    /// (x - mean[c]) / std[c] per channel of a float32 `[C, H, W]` or `[N, C, H, W]` tensor.
    public static func normalize(_ tensor: Tensor, mean: [Float], std: [Float]) throws -> Tensor {
        guard tensor.dtype == .float32, tensor.rank == 3 || tensor.rank == 4 else {
            throw VisionError("image.normalize: expected float32 [C, H, W] or [N, C, H, W], got \(tensor.dtype) \(tensor.shape)")
        }
        let channels = tensor.shape[tensor.rank - 3]
        guard mean.count == channels || mean.count == 1, std.count == mean.count else {
            throw VisionError("image.normalize: \(mean.count) means and \(std.count) stds for \(channels) channels (shape \(tensor.shape))")
        }
        if let zero = std.firstIndex(of: 0) { throw VisionError("image.normalize: std[\(zero)] is 0") }
        let t = try tensor.contiguous()
        let result = try Tensor(shape: t.shape, zeroed: false)
        let plane = t.shape[t.rank - 2] * t.shape[t.rank - 1]
        let planes = t.count / max(plane, 1)
        let src = t.pointer(as: Float.self), dst = result.pointer(as: Float.self)
        for p in 0..<planes {
            let c = mean.count == 1 ? 0 : p % channels
            let m = mean[c], inv = 1 / std[c]
            let from = src + p * plane, to = dst + p * plane
            for i in 0..<plane { to[i] = (from[i] - m) * inv }
        }
        return result
    }
}
