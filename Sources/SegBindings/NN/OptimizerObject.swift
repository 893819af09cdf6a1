import Foundation
import SegNN
import SegScript
import SegTensor

/// A SegNN optimizer as a Seg value (`type(x) == "Optimizer"`) with a settable `.lr`.
/// Stored as its hyper-parameters and state, referring to its parameter tensors; stored with
/// (or after) the model that owns them, it restores onto the restored model's tensors.
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

    /// Hyper-parameters and state under tag "optimizer", referring to the parameter tensors.
    public func encode() throws -> EncodedObject? {
        var out = ByteWriter<[UInt8]>()
        out.blob(try JSONEncoder.stored.encode(OptimizerRecord(config: OptimizerConfig(optimizer))))
        try TensorCodec.write(stateDict: try optimizer.stateDict(), to: &out)
        return EncodedObject(tag: OptimizerRecord.tag, bytes: out.bytes, references: optimizer.parameters.map { .tensor($0) })
    }

    /// Restores an optimizer stored by `encode()` over `references`, its restored parameters.
    static func decode(_ bytes: [UInt8], _ references: [Value]) throws -> OptimizerObject {
        var reader = ByteReader(bytes, what: "optimizer")
        let record: OptimizerRecord
        do { record = try JSONDecoder().decode(OptimizerRecord.self, from: Data(try reader.blob())) } catch let e as ScriptError { throw e } catch {
            throw ScriptError("stored optimizer is corrupt")
        }
        let params = try references.map { v -> Tensor in
            guard let t = v.asTensor else { throw ScriptError("stored optimizer refers to a \(v.typeName), not a parameter tensor") }
            return t
        }
        let opt = try record.config.make(params)
        let state = try TensorCodec.readStateDict(from: &reader)
        guard reader.isAtEnd else { throw reader.corrupt("trailing bytes") }
        try opt.load(stateDict: state)
        return OptimizerObject(opt)
    }

    /// Parameters owned by the optimizer, so version snapshots see weight updates.
    public var children: [Value] { optimizer.parameters.map { .tensor($0) } }
}

/// What a stored optimizer records besides its state tensors.
struct OptimizerRecord: Codable {
    static let tag = "optimizer"
    let config: OptimizerConfig
}

/// An optimizer's kind and hyper-parameters.
struct OptimizerConfig: Codable {
    var kind: String
    var lr: Float
    var momentum: Float = 0
    var weightDecay: Float = 0
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var eps: Float = 1e-8
    var decoupled = false

    init(_ o: Optimizer) {
        kind = "sgd"
        lr = o.lr
        if let s = o as? SGD {
            momentum = s.momentum
            weightDecay = s.weightDecay
        } else if let a = o as? Adam {
            kind = "adam"
            beta1 = a.beta1; beta2 = a.beta2; eps = a.eps
            weightDecay = a.weightDecay; decoupled = a.decoupled
        }
    }

    func make(_ params: [Tensor]) throws -> Optimizer {
        if kind == "sgd" { return try SGD(parameters: params, lr: lr, momentum: momentum, weightDecay: weightDecay) }
        return try Adam(parameters: params, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay, decoupled: decoupled)
    }
}
