import SegTensor

extension NN {
    /// Per-pixel cross entropy with PyTorch's semantics: Σ w[y] (logsumexp(x) - x[y]) / Σ w[y]
    /// over pixels whose target is not `ignoreIndex`; `weight` [C] defaults to ones. A batch with
    /// every pixel ignored gives NaN, as in PyTorch. Returns a scalar; records its gradient.
    public static func crossEntropy(_ logits: Tensor, _ target: Tensor, weight: Tensor? = nil,
                                    ignoreIndex: Int = -100) throws -> Tensor {
        let data = try PixelLogits(logits, target, ignoreIndex: ignoreIndex, loss: "cross_entropy")
        let classes = data.classes, pixels = data.pixels, batch = data.batch
        var classWeight = [Float](repeating: 1, count: classes)
        if let weight {
            guard weight.shape == [classes] else {
                throw TensorError("cross_entropy weight must have shape [\(classes)], got \(weight.shape)")
            }
            let w = try weight.contiguousFloats("cross_entropy weight")
            for c in 0..<classes { classWeight[c] = w.floats[c] }
        }
        // The softmax is kept for the backward pass (N·C·H·W floats) instead of recomputing
        // its exponentials; images are split across the cores, and each image's sums are
        // reduced in image order so the loss does not depend on the split.
        let probabilities = try Fresh.uninitialized([batch, classes, pixels])
        let logSumExp = try Fresh.uninitialized([batch, pixels])
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * batch)
        defer { sums.deallocate() }
        let weights = classWeight
        Parallel.forEachChunk(batch, work: batch * classes * pixels) { images in
            let totals = UnsafeMutablePointer<Float>.allocate(capacity: pixels)
            defer { totals.deallocate() }
            weights.withUnsafeBufferPointer { w in
                for n in images {
                    let lse = logSumExp.floats + n * pixels
                    data.softmax(image: n, probabilities: probabilities.floats + n * classes * pixels,
                                 logSumExp: lse, totals: totals)
                    let x = data.logits.floats + n * classes * pixels
                    var total: Double = 0, denominator: Double = 0
                    for p in 0..<pixels {
                        let y = data.label(n, p)
                        if y == ignoreIndex { continue }
                        total += Double(w[y]) * Double(lse[p] - x[y * pixels + p])
                        denominator += Double(w[y])
                    }
                    sums[2 * n] = total
                    sums[2 * n + 1] = denominator
                }
            }
        }
        var total: Double = 0, denominator: Double = 0
        for n in 0..<batch { total += sums[2 * n]; denominator += sums[2 * n + 1] }
        let out = try Tensor(scalar: Float(total / denominator))
        let norm = Float(denominator)
        return Tensor.record(out, name: "cross_entropy", inputs: [logits]) { gradient in
            let g = try gradient.contiguousFloats("cross_entropy gradient").floats[0] / norm
            let dx = try Fresh.uninitialized(data.logits.shape)
            Parallel.forEachChunk(batch, work: batch * classes * pixels) { images in
                let scale = UnsafeMutablePointer<Float>.allocate(capacity: pixels)
                defer { scale.deallocate() }
                weights.withUnsafeBufferPointer { w in for n in images {
                    // d = softmax · g·w[y] per pixel, minus g·w[y] at the target class; 0 where ignored.
                    for p in 0..<pixels {
                        let y = data.label(n, p)
                        scale[p] = y == ignoreIndex ? 0 : g * w[y]
                    }
                    let d = dx.floats + n * classes * pixels, prob = probabilities.floats + n * classes * pixels
                    for c in 0..<classes {
                        let out = d + c * pixels, row = prob + c * pixels
                        for p in 0..<pixels { out[p] = row[p] * scale[p] }
                    }
                    for p in 0..<pixels {
                        let y = data.label(n, p)
                        if y != ignoreIndex { d[y * pixels + p] -= scale[p] }
                    }
                } }
            }
            return [dx]
        }
    }
}
