import SegScript
import SegTensor

/// A SegTensor `Tensor` as a Seg value (`type(x) == "Tensor"`). The wrapper is thin: the same
/// `Tensor` instance is shared with layers and optimizers, so updates are visible everywhere.
public final class TensorObject: ScriptObject {
    /// The wrapped tensor.
    public private(set) var tensor: Tensor

    /// Wraps `tensor`.
    public init(_ tensor: Tensor) { self.tensor = tensor }

    /// Whether no other wrapper, graph node or view can see this tensor's memory.
    func holdsTensorAlone() -> Bool { isKnownUniquelyReferenced(&tensor) && tensor.hasUniqueStorage() }

    /// "Tensor".
    public var typeName: String { "Tensor" }

    /// The wrapped tensor: wrappers made at different times around one tensor store as one.
    public var identity: AnyObject { tensor }

    /// The storage version, so in-place writes and optimizer steps invalidate caches.
    public var version: Int { tensor.version &* 2 &+ (tensor.requiresGrad ? 1 : 0) }

    /// `.shape .ndim .dtype .count .T .requires_grad .grad`.
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .list(tensor.shape.map { .int($0) })
        case "ndim": return .int(tensor.rank)
        case "dtype": return .string(tensor.dtype.rawValue)
        case "count": return .int(tensor.count)
        case "T": return .tensor(try tensor.transposed())
        case "requires_grad": return .bool(tensor.requiresGrad)
        case "grad": return tensor.grad.map { .tensor($0) } ?? .null
        default: return nil
        }
    }

    /// Only `.requires_grad` (and `.grad = nil`) can be set.
    public func setMember(_ name: String, _ value: Value, _ interpreter: Interpreter) throws {
        switch name {
        case "requires_grad":
            guard case .bool(let b) = value else { throw ScriptError("requires_grad must be a Bool, not \(value.typeName)") }
            if b && tensor.dtype != .float32 { throw ScriptError("only float32 tensors can require grad, not \(tensor.dtype)") }
            tensor.requiresGrad = b
        case "grad":
            if case .null = value { tensor.grad = nil; return }
            guard let g = value.asTensor else { throw ScriptError("grad must be a Tensor or nil, not \(value.typeName)") }
            guard g.shape == tensor.shape else { throw ScriptError("grad of shape \(g.shape) does not match tensor shape \(tensor.shape)") }
            tensor.grad = g
        default: throw ScriptError("cannot set property '\(name)' of a Tensor")
        }
    }

    /// `t[0, :, 1:3, ...]`.
    public func getIndex(_ indices: [IndexArgument], _ interpreter: Interpreter) throws -> Value? {
        .tensor(try TensorObject.read(tensor, indices))
    }

    /// `t[...] = value` in place, with a tensor or a number broadcast into the selection (an
    /// assignment statement goes through `settingIndex`, which keeps value semantics).
    public func setIndex(_ indices: [IndexArgument], _ value: Value, _ interpreter: Interpreter) throws -> Bool {
        guard let v = TensorObject.operand(value) else {
            throw ScriptError("cannot assign a \(value.typeName) into a Tensor; use a number or a Tensor")
        }
        try TensorObject.write(tensor, indices, v)
        return true
    }

    /// The size of the first axis.
    public func length() throws -> Int? {
        guard let n = tensor.shape.first else { throw ScriptError("len() of a 0-d tensor") }
        return n
    }

    /// Iterates over the first axis.
    public func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? {
        guard let n = tensor.shape.first else { throw ScriptError("cannot iterate over a 0-d tensor") }
        var i = 0
        let t = tensor
        return ClosureIterator { _ in
            guard i < n else { return nil }
            defer { i += 1 }
            return .tensor(try t.slice([.at(i)]))
        }
    }

    /// Arithmetic, `@`, and comparisons (bool tensors) with tensors or numbers on either side.
    public func binary(_ op: String, _ other: Value, reversed: Bool, _ interpreter: Interpreter) throws -> Value? {
        guard let o = TensorObject.operand(other) else {
            if op == "==" || op == "!=" { return nil }
            throw ScriptError("unsupported operand types for \(op): Tensor and \(other.typeName)")
        }
        let (a, b) = reversed ? (o, tensor) : (tensor, o)
        switch op {
        case "+": return .tensor(try a.binary(.add, b))
        case "-": return .tensor(try a.binary(.subtract, b))
        case "*": return .tensor(try a.binary(.multiply, b))
        case "/": return .tensor(try a.binary(.divide, b))
        case "**": return .tensor(try a.binary(.power, b))
        case "@": return .tensor(try a.matmul(b))
        case "==": return .tensor(try a.compare(.equal, b))
        case "!=": return .tensor(try a.compare(.notEqual, b))
        case "<": return .tensor(try a.compare(.less, b))
        case "<=": return .tensor(try a.compare(.lessEqual, b))
        case ">": return .tensor(try a.compare(.greater, b))
        case ">=": return .tensor(try a.compare(.greaterEqual, b))
        case "&": return .tensor(try a.logical(.and, b))
        case "|": return .tensor(try a.logical(.or, b))
        case "^": return .tensor(try a.logical(.xor, b))
        default: throw ScriptError("unsupported operator \(op) for tensors")
        }
    }

    /// `-t`.
    public func negate(_ interpreter: Interpreter) throws -> Value? { .tensor(try tensor.neg()) }

    /// `~t`: logical not of a bool tensor, bitwise not of an int32 one.
    public func invert(_ interpreter: Interpreter) throws -> Value? { .tensor(try tensor.invert()) }

    /// A one-element tensor decides by its element, as in NumPy; any other size is ambiguous.
    public func truthValue() throws -> Bool? {
        guard tensor.count == 1 else {
            throw ScriptError("the truth value of a tensor with \(tensor.count) elements (shape \(tensor.shape)) is ambiguous; use .any() or .all()")
        }
        switch try tensor.item() {
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .bool(let b): return b
        }
    }

    /// NumPy-style full form, or a one-line summary inside lists and dicts.
    public func display(full: Bool) -> String {
        full ? TensorFormatter.describe(tensor) : TensorFormatter.summary(tensor)
    }

    /// Stored in the compact raw tensor format under tag "tensor"; a picture made from a label
    /// map keeps its class legend as a reference (entries stored without one restore without one).
    public func encode() throws -> EncodedObject? {
        EncodedObject(tag: TensorCodec.tag, bytes: try TensorCodec.encode(tensor),
                      references: PictureLegends.storedForm(of: tensor).map { [$0] } ?? [])
    }

    /// A tensor for a binary operand: tensors as they are, Ints as int32, Floats as float32,
    /// Bools as bool, nested lists as a float32 tensor; nil for anything else.
    static func operand(_ v: Value) -> Tensor? {
        switch v {
        case .object(let o): return (o as? TensorObject)?.tensor
        case .int(let i): return try? Tensor.scalar(i)
        case .float(let d): return try? Tensor.scalar(d)
        case .bool(let b): return try? Tensor(bools: [b], shape: [])
        case .list:
            guard let l = elementList(v) else { return nil }
            return try? Tensor(list: l, dtype: .float32)
        default: return nil
        }
    }

    /// The language's index entries as SegTensor indices (`nil` adds an axis).
    static func tensorIndices(_ indices: [IndexArgument]) throws -> [TensorIndex] {
        try indices.map { ix in
            switch ix {
            case .ellipsis: return .ellipsis
            case .slice(let a, let b, let s):
                if s == 0 { throw ScriptError("slice step cannot be 0") }
                return .range(start: a, stop: b, step: s)
            case .value(.int(let i)): return .at(i)
            case .value(.null): return .newAxis
            case .value(let v): throw ScriptError("a tensor index must be an Int, a slice, ..., nil, a bool mask or an int32 tensor, not \(v.typeName)")
            }
        }
    }
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

/// A tensor element list as Seg values (Ints, Floats, Bools, nested Lists).
func value(of list: TensorElementList) -> Value {
    switch list {
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .bool(let b): return .bool(b)
    case .list(let items): return .list(items.map { value(of: $0) })
    }
}
