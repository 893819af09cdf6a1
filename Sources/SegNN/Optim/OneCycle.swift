import Foundation
import SegTensor

/// PyTorch's OneCycleLR (two phases, cosine annealing): the learning rate rises from
/// maxLR/divFactor to maxLR over the first pctStart of the steps, then falls to
/// maxLR/(divFactor·finalDivFactor); the momentum (SGD's, or Adam's beta1) moves the opposite way
/// between maxMomentum and baseMomentum.
public final class OneCycleSchedule {
    /// The optimizer whose `lr` (and momentum) this schedule sets.
    public let optimizer: Optimizer
    /// The peak learning rate.
    public let maxLR: Double
    /// The number of steps of the whole cycle.
    public let totalSteps: Int
    /// Steps taken so far (0 right after construction).
    public private(set) var stepCount = 0
    private let initialLR: Double, minLR: Double, warmupEnd: Double
    private let cycleMomentum: Bool, baseMomentum: Double, maxMomentum: Double

    /// Sets the optimizer's lr to maxLR/divFactor (and momentum to maxMomentum) right away, as
    /// PyTorch does on construction.
    public init(optimizer: Optimizer, maxLR: Double, totalSteps: Int, pctStart: Double = 0.3, divFactor: Double = 25,
                finalDivFactor: Double = 1e4, cycleMomentum: Bool = true, baseMomentum: Double = 0.85,
                maxMomentum: Double = 0.95) throws {
        guard totalSteps >= 2, maxLR > 0, (0...1).contains(pctStart), divFactor > 0, finalDivFactor > 0 else {
            throw TensorError("onecycle needs steps >= 2, max_lr > 0, pct_start in [0, 1]; got steps \(totalSteps), max_lr \(maxLR), pct_start \(pctStart)")
        }
        self.optimizer = optimizer
        self.maxLR = maxLR
        self.totalSteps = totalSteps
        initialLR = maxLR / divFactor
        minLR = initialLR / finalDivFactor
        warmupEnd = pctStart * Double(totalSteps) - 1
        self.cycleMomentum = cycleMomentum && optimizer.cycledMomentum != nil
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
        apply()
    }

    /// The learning rate at the current step.
    public var currentLR: Double { values().lr }

    /// Advances one step and updates the optimizer. As PyTorch's OneCycleLR, `totalSteps` calls
    /// are allowed after construction (one per optimizer step); one more is an error.
    public func step() throws {
        guard stepCount < totalSteps else {
            throw TensorError("onecycle schedule stepped \(stepCount + 1) times, more than its \(totalSteps) total steps")
        }
        stepCount += 1
        apply()
    }

    private func apply() {
        let (lr, momentum) = values()
        optimizer.lr = Float(lr)
        if cycleMomentum { optimizer.cycledMomentum = Float(momentum) }
    }

    /// PyTorch's phase walk: the first phase ends at pctStart·total - 1, the second at total - 1.
    private func values() -> (lr: Double, momentum: Double) {
        let t = Double(stepCount)
        if t <= warmupEnd {
            let pct = warmupEnd > 0 ? t / warmupEnd : 1
            return (Self.cosine(initialLR, maxLR, pct), Self.cosine(maxMomentum, baseMomentum, pct))
        }
        let pct = (t - warmupEnd) / (Double(totalSteps - 1) - warmupEnd)
        return (Self.cosine(maxLR, minLR, pct), Self.cosine(baseMomentum, maxMomentum, pct))
    }

    /// Cosine interpolation from `start` (pct 0) to `end` (pct 1).
    static func cosine(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        end + (start - end) / 2 * (cos(Double.pi * pct) + 1)
    }
}
