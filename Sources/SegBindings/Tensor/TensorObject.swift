import SegScript
import SegTensor

/// A SegTensor `Tensor` as a Seg value (`type(x) == "Tensor"`). The wrapper is thin: the same
/// `Tensor` instance is shared with layers and optimizers, so updates are visible everywhere.
public final class TensorObject: ScriptObject {
    /// The wrapped tensor.
    public let tensor: Tensor

    /// Wraps `tensor`.
    public init(_ tensor: Tensor) { self.tensor = tensor }

    /// "Tensor".
    public var typeName: String { "Tensor" }
}

public extension Value {
    /// A tensor as a Seg value.
    static func tensor(_ t: Tensor) -> Value { .object(TensorObject(t)) }

    /// The tensor, when the value is one.
    var asTensor: Tensor? { (asObject as? TensorObject)?.tensor }
}

public extension Arguments {
    /// The i-th value as a tensor: a Tensor itself, or a number / nested list of numbers made into
    /// a float32 tensor.
    func tensor(_ i: Int) throws -> Tensor {
        if let t = self[i].asTensor { return t }
        if let list = elementList(self[i]) { return try Tensor(list: list, dtype: .float32) }
        let name = i < builtin.parameters.count ? builtin.parameters[i].name : "\(i)"
        throw ScriptError("\(builtin.name)(): argument '\(name)' must be a Tensor, a number or a nested list of numbers, not \(self[i].typeName)")
    }

    /// The receiver as a tensor.
    func receiverTensor() throws -> Tensor { try receiver(as: TensorObject.self).tensor }
}

/// A number or nested list of numbers/booleans as a tensor element list; nil for anything else.
func elementList(_ v: Value) -> TensorElementList? {
    switch v {
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .bool(let b): return .bool(b)
    case .list(let l):
        var items: [TensorElementList] = []
        items.reserveCapacity(l.items.count)
        for x in l.items {
            guard let e = elementList(x) else { return nil }
            items.append(e)
        }
        return .list(items)
    case .object(let o):
        guard let t = o as? TensorObject else { return nil }
        return t.tensor.tolist()
    default: return nil
    }
}
