import SegTensor

/// Stochastic gradient descent with PyTorch's rule: d = g + wd·p; with momentum,
/// buf = d on the first step, else momentum·buf + d (dampening 0, no Nesterov); p -= lr·buf.
public final class SGD: Optimizer {
    /// The momentum factor (0 for plain SGD).
    public var momentum: Float
    /// L2 penalty added to the gradient.
    public var weightDecay: Float

    /// SGD over `parameters`.
    public init(parameters: [Tensor], lr: Float, momentum: Float = 0, weightDecay: Float = 0) throws {
        guard momentum >= 0, weightDecay >= 0 else {
            throw TensorError("sgd needs momentum >= 0 and weight_decay >= 0, got \(momentum), \(weightDecay)")
        }
        self.momentum = momentum
        self.weightDecay = weightDecay
        try super.init(parameters: parameters, lr: lr)
    }

    public override var cycledMomentum: Float? {
        get { momentum > 0 ? momentum : nil }
        set { if let newValue { momentum = newValue } }
    }

    public override func update(index: Int, parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, count: Int) throws {
        let lr = self.lr, wd = weightDecay, mu = momentum
        if mu == 0 {
            for i in 0..<count { p[i] -= lr * (wd == 0 ? g[i] : g[i] + wd * p[i]) }
            return
        }
        let first = state[index]["momentum_buffer"] == nil
        let buffer = try stateBuffer("momentum_buffer", index: index)
        for i in 0..<count {
            let d = wd == 0 ? g[i] : g[i] + wd * p[i]
            buffer[i] = first ? d : mu * buffer[i] + d
            p[i] -= lr * buffer[i]
        }
    }
}
