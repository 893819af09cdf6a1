import Foundation
import SegNN
import SegScript
import SegTensor

/// A SegNN optimizer as a Seg value (`type(x) == "Optimizer"`) with a settable `.lr`.
/// Storable when its parameters all belong to one layer: it is stored as that layer's id, the
/// parameter indices, hyper-parameters and state, and restored onto the restored layer (which
/// must be restored first; otherwise restoring fails and the defining cell re-runs).
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

    /// Hyper-parameters, state and the owning layer's id under tag "optimizer"; nil when the
    /// parameters do not all belong to one live layer.
    public func encode() throws -> EncodedObject? {
        guard let (layer, indices) = LiveLayers.owner(of: optimizer.parameters) else { return nil }
        let record = OptimizerRecord(config: OptimizerConfig(optimizer), layer: layer.id, indices: indices)
        var out: [UInt8] = []
        LayerCodec.appendBytes(Array(try JSONEncoder().encode(record)), &out)
        let state = try optimizer.stateDict()
        LayerCodec.appendInt(state.count, &out)
        for (name, t) in state {
            LayerCodec.appendBytes(Array(name.utf8), &out)
            LayerCodec.appendBytes(try TensorCodec.encode(t), &out)
        }
        return EncodedObject(tag: OptimizerRecord.tag, bytes: out)
    }

    /// Restores an optimizer stored by `encode()` onto the live layer with the stored id.
    static func decode(_ bytes: [UInt8]) throws -> OptimizerObject {
        var reader = ByteReader(bytes: bytes, what: "optimizer")
        let record: OptimizerRecord
        do { record = try JSONDecoder().decode(OptimizerRecord.self, from: Data(try reader.chunk())) } catch let e as ScriptError { throw e } catch {
            throw ScriptError("stored optimizer is corrupt")
        }
        guard let layer = LiveLayers.layer(record.layer) else {
            throw ScriptError("stored optimizer refers to a model that has not been restored")
        }
        let own = layer.module.parameters()
        let params = try record.indices.map { i -> Tensor in
            guard own.indices.contains(i) else { throw ScriptError("stored optimizer does not match its model") }
            return own[i]
        }
        let opt = try record.config.make(params)
        var state: [String: Tensor] = [:]
        let count = try reader.int()
        guard count >= 0, count <= bytes.count else { throw ScriptError("stored optimizer is corrupt") }
        for _ in 0..<count {
            let name = String(decoding: try reader.chunk(), as: UTF8.self)
            state[name] = try TensorCodec.decode(try reader.chunk())
        }
        try opt.load(stateDict: state)
        return OptimizerObject(opt)
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

/// What a stored optimizer records besides its state tensors.
struct OptimizerRecord: Codable {
    static let tag = "optimizer"
    let config: OptimizerConfig
    let layer: String
    let indices: [Int]
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

/// Reads little-endian Ints and length-prefixed chunks, failing cleanly on truncation.
struct ByteReader {
    let bytes: [UInt8]
    let what: String
    var offset = 0

    init(bytes: [UInt8], what: String) {
        self.bytes = bytes
        self.what = what
    }

    mutating func int() throws -> Int {
        guard bytes.count - offset >= 8 else { throw ScriptError("stored \(what) is truncated") }
        var u: UInt64 = 0
        for k in 0..<8 { u |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return Int(Int64(bitPattern: u))
    }

    mutating func chunk() throws -> [UInt8] {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw ScriptError("stored \(what) is truncated") }
        offset += n
        return Array(bytes[(offset - n)..<offset])
    }
}
