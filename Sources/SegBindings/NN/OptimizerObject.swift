import SegNN
import SegScript
import SegTensor

/// A SegNN optimizer as a Seg value (`type(x) == "Optimizer"`) with a settable `.lr`.
/// Not storable: a restored optimizer would have to point at the restored model's very tensors,
/// which the cache cannot express, so `encode()` returns nil and the cell that makes it re-runs.
public final class OptimizerObject: ScriptObject {
    /// The wrapped optimizer.
    public let optimizer: Optimizer
    private var revision = 0

    init(_ optimizer: Optimizer) { self.optimizer = optimizer }

    /// "Optimizer".
    public var typeName: String { "Optimizer" }

    /// Changes on every step, zero_grad and lr change.
    public var version: Int { revision }

    /// Records a mutation.
    func touch() { revision &+= 1 }

    /// `.lr`, `.steps` (number of steps taken).
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "lr": return .float(Double(optimizer.lr))
        case "steps": return .int(optimizer.steps.max() ?? 0)
        default: return nil
        }
    }

    /// `.lr = x`.
    public func setMember(_ name: String, _ value: Value, _ interpreter: Interpreter) throws {
        guard name == "lr" else { throw ScriptError("cannot set property '\(name)' of an Optimizer") }
        guard let d = value.asDouble, d >= 0, d.isFinite else { throw ScriptError("lr must be a finite number >= 0, not \(reprString(value))") }
        optimizer.lr = Float(d)
        touch()
    }

    /// `<Optimizer Adam, lr 0.001, 12 tensors>`.
    public func display(full: Bool) -> String {
        "<Optimizer \(String(describing: type(of: optimizer))), lr \(optimizer.lr), \(optimizer.parameters.count) tensors>"
    }

    /// Parameters owned by the optimizer, so version snapshots see weight updates.
    public var children: [Value] { optimizer.parameters.map { .tensor($0) } }
}

/// A learning-rate schedule (`nn.cosine`, `nn.onecycle`) as a Seg value (`type(x) == "Schedule"`).
public final class ScheduleObject: ScriptObject {
    private let stepBody: () throws -> Void
    private let currentLR: () -> Double
    private let optimizerObject: OptimizerObject
    private var revision = 0

    init(_ optimizer: OptimizerObject, step: @escaping () throws -> Void, lr: @escaping () -> Double) {
        optimizerObject = optimizer
        stepBody = step
        currentLR = lr
    }

    /// "Schedule".
    public var typeName: String { "Schedule" }
    /// Changes on every step.
    public var version: Int { revision }

    /// Advances one step and sets the optimizer's lr.
    func step() throws {
        try stepBody()
        revision &+= 1
        optimizerObject.touch()
    }

    /// `.lr` (the current learning rate).
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        name == "lr" ? .float(currentLR()) : nil
    }

    /// `<Schedule lr 0.001>`.
    public func display(full: Bool) -> String { "<Schedule lr \(currentLR())>" }
}
