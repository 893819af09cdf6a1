import Foundation
import SegTensor

/// Adam, or AdamW when `decoupled`, with PyTorch's single-tensor rule:
/// m ← m + (1-β1)(g - m), v ← β2 v + (1-β2) g², p ← p - lr/(1-β1^t) · m / (√v/√(1-β2^t) + ε).
/// Adam adds wd·p to g; AdamW first scales p by (1 - lr·wd).
public final class Adam: Optimizer {
    /// Decay of the first moment (cycled by one-cycle schedules).
    public var beta1: Float
    /// Decay of the second moment.
    public var beta2: Float
    /// Added to the denominator.
    public var eps: Float
    /// Weight decay (L2 for Adam, decoupled for AdamW).
    public var weightDecay: Float
    /// True for AdamW.
    public let decoupled: Bool

    /// Adam over `parameters` (PyTorch defaults: betas 0.9/0.999, eps 1e-8, no weight decay).
    public init(parameters: [Tensor], lr: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8,
                weightDecay: Float = 0, decoupled: Bool = false) throws {
        guard (0..<1).contains(beta1), (0..<1).contains(beta2), eps >= 0, weightDecay >= 0 else {
            throw TensorError("adam needs betas in [0, 1), eps >= 0 and weight_decay >= 0, got betas (\(beta1), \(beta2)), eps \(eps), weight_decay \(weightDecay)")
        }
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.decoupled = decoupled
        try super.init(parameters: parameters, lr: lr)
    }

    /// AdamW with PyTorch's defaults (weight decay 0.01).
    public static func adamW(parameters: [Tensor], lr: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                             eps: Float = 1e-8, weightDecay: Float = 0.01) throws -> Adam {
        try Adam(parameters: parameters, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, decoupled: true)
    }

    public override var cycledMomentum: Float? {
        get { beta1 }
        set { if let newValue { beta1 = newValue } }
    }

    public override func update(index: Int, parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, count: Int) throws {
        let m = try stateBuffer("exp_avg", index: index), v = try stateBuffer("exp_avg_sq", index: index)
        // Scalars in double, as PyTorch computes them in Python floats.
        let t = Double(steps[index])
        let correction1 = 1 - pow(Double(beta1), t), correction2 = 1 - pow(Double(beta2), t)
        let stepSize = Float(Double(lr) / correction1)
        let correction2Root = Float(correction2.squareRoot())
        let blend = Float(1 - Double(beta1)), b2 = beta2, oneMinusB2 = Float(1 - Double(beta2))
        let wd = weightDecay, epsilon = eps
        let shrink = Float(1 - Double(lr) * Double(weightDecay))
        let decoupled = self.decoupled
        Parallel.forEachChunk(count, work: count * 8) { range in
            for i in range {
                var grad = g[i]
                if decoupled {
                    p[i] *= shrink
                } else if wd != 0 {
                    grad += wd * p[i]
                }
                m[i] += blend * (grad - m[i])
                v[i] = v[i] * b2 + oneMinusB2 * grad * grad
                let denominator = v[i].squareRoot() / correction2Root + epsilon
                p[i] -= stepSize * m[i] / denominator
            }
        }
    }
}
