import SegTensor

extension NN {
    /// Soft multi-class Dice loss: 1 - mean over classes of (2 Σ p·t + s) / (Σ p + Σ t + s),
    /// with p the softmax of `logits`, t the one-hot target, sums over non-ignored pixels and
    /// smoothing s = 1 (so absent classes count as perfectly predicted). Records its gradient.
    public static func diceLoss(_ logits: Tensor, _ target: Tensor, ignoreIndex: Int = -100, smooth: Float = 1) throws -> Tensor {
        let data = try PixelLogits(logits, target, ignoreIndex: ignoreIndex, loss: "dice_loss")
        let classes = data.classes, pixels = data.pixels, batch = data.batch
        let probabilities = try Fresh.uninitialized([batch, classes, pixels]), scratch = try Fresh.uninitialized([2, pixels])
        var intersection = [Double](repeating: 0, count: classes), cardinality = [Double](repeating: 0, count: classes)
        for n in 0..<batch {
            let prob = probabilities.floats + n * classes * pixels
            data.softmax(image: n, probabilities: prob, logSumExp: scratch.floats, totals: scratch.floats + pixels)
            for p in 0..<pixels {
                let y = data.label(n, p)
                if y == ignoreIndex { continue }
                for c in 0..<classes { cardinality[c] += Double(prob[c * pixels + p]) }
                intersection[y] += Double(prob[y * pixels + p])
                cardinality[y] += 1
            }
        }
        let s = Double(smooth)
        var dice: Double = 0
        for c in 0..<classes { dice += (2 * intersection[c] + s) / (cardinality[c] + s) }
        let out = try Tensor(scalar: Float(1 - dice / Double(classes)))
        return Tensor.record(out, name: "dice_loss", inputs: [logits]) { gradient in
            let g = Double(try gradient.contiguousFloats("dice_loss gradient").floats[0])
            // dL/dp[c] = -(1/C) (2 t[c] (card + s) - (2 inter + s)) / (card + s)²
            var onHit = [Float](repeating: 0, count: classes), always = [Float](repeating: 0, count: classes)
            for c in 0..<classes {
                let denominator = cardinality[c] + s
                onHit[c] = Float(-g / Double(classes) * 2 / denominator)
                always[c] = Float(g / Double(classes) * (2 * intersection[c] + s) / (denominator * denominator))
            }
            let dx = try Fresh.zeros(data.logits.shape)
            var dp = [Float](repeating: 0, count: classes)
            for n in 0..<batch {
                let prob = probabilities.floats + n * classes * pixels, d = dx.floats + n * classes * pixels
                for p in 0..<pixels {
                    let y = data.label(n, p)
                    if y == ignoreIndex { continue }
                    var weighted: Float = 0
                    for c in 0..<classes {
                        dp[c] = always[c] + (c == y ? onHit[c] : 0)
                        weighted += prob[c * pixels + p] * dp[c]
                    }
                    for c in 0..<classes { d[c * pixels + p] = prob[c * pixels + p] * (dp[c] - weighted) }
                }
            }
            return [dx]
        }
    }
}
