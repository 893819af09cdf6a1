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
        let probabilities = try Fresh.uninitialized([classes, pixels]), logSumExp = try Fresh.uninitialized([pixels])
        var total: Double = 0, denominator: Double = 0
        for n in 0..<batch {
            data.softmax(image: n, probabilities: probabilities.floats, logSumExp: logSumExp.floats)
            let x = data.logits.floats + n * classes * pixels
            for p in 0..<pixels {
                let y = data.label(n, p)
                if y == ignoreIndex { continue }
                let w = Double(classWeight[y])
                total += w * Double(logSumExp.floats[p] - x[y * pixels + p])
                denominator += w
            }
        }
        let out = try Tensor(scalar: Float(total / denominator))
        let norm = Float(denominator)
        return Tensor.record(out, name: "cross_entropy", inputs: [logits]) { gradient in
            let g = try gradient.contiguousFloats("cross_entropy gradient").floats[0] / norm
            let dx = try Fresh.uninitialized(data.logits.shape)
            for n in 0..<batch {
                let d = dx.floats + n * classes * pixels
                data.softmax(image: n, probabilities: d, logSumExp: logSumExp.floats)
                for p in 0..<pixels {
                    let y = data.label(n, p)
                    if y == ignoreIndex {
                        for c in 0..<classes { d[c * pixels + p] = 0 }
                        continue
                    }
                    let scale = g * classWeight[y]
                    for c in 0..<classes { d[c * pixels + p] *= scale }
                    d[y * pixels + p] -= scale
                }
            }
            return [dx]
        }
    }
}
