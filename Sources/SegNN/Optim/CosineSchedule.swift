import Foundation
import SegTensor

/// Cosine decay of the learning rate to 0 over `steps`, after an optional linear warmup:
/// lr_t = base·(t+1)/warmup for t < warmup, then base·(1 + cos(π (t-warmup)/(steps-warmup)))/2.
/// Without warmup this is PyTorch's CosineAnnealingLR(T_max: steps, eta_min: 0); after `steps`
/// the rate stays at 0.
public final class CosineSchedule {
    /// The optimizer whose `lr` this schedule sets.
    public let optimizer: Optimizer
    /// The learning rate the optimizer had when the schedule was made.
    public let baseLR: Double
    /// Total steps of the decay (warmup included).
    public let steps: Int
    /// Linear warmup steps.
    public let warmup: Int
    /// Steps taken so far.
    public private(set) var stepCount = 0

    /// Sets the optimizer's lr for step 0 right away.
    public init(optimizer: Optimizer, steps: Int, warmup: Int = 0) throws {
        guard steps >= 1, warmup >= 0, warmup < steps else {
            throw TensorError("cosine schedule needs steps >= 1 and 0 <= warmup < steps, got steps \(steps), warmup \(warmup)")
        }
        self.optimizer = optimizer
        baseLR = Double(optimizer.lr)
        self.steps = steps
        self.warmup = warmup
        optimizer.lr = Float(currentLR)
    }

    /// The learning rate at the current step.
    public var currentLR: Double {
        let t = stepCount
        if t < warmup { return baseLR * Double(t + 1) / Double(warmup) }
        let progress = min(1, Double(t - warmup) / Double(steps - warmup))
        return baseLR * (1 + cos(Double.pi * progress)) / 2
    }

    /// Advances one step and sets the optimizer's lr.
    public func step() {
        stepCount += 1
        optimizer.lr = Float(currentLR)
    }
}
