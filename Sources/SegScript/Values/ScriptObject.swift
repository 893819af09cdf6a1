/// One entry inside `[...]` as a native object receives it.
public enum IndexArgument {
    case value(Value)
    /// `start:stop:step`, each optional.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `...`: the remaining axes.
    case ellipsis
}

/// How the bindings layer adds native objects (tensors, layers, datasets, ...) to the language.
/// Every requirement has a default, so an object implements only what it supports.
public protocol ScriptObject: AnyObject {
    /// The `type(x)` name, e.g. "Tensor", "Layer".
    var typeName: String { get }
    /// A property (`x.name`); nil when there is no such property (methods are looked up in the registry).
    func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value?
    /// Sets a property (`x.name = v`); throw for read-only or unknown properties.
    func setMember(_ name: String, _ value: Value, _ interpreter: Interpreter) throws
    /// Calls the object (`layer(x)`); nil when it is not callable.
    func call(_ arguments: [Value], keywords: [(String, Value)], _ interpreter: Interpreter) throws -> Value?
    /// `x[...]`; nil when not indexable.
    func getIndex(_ indices: [IndexArgument], _ interpreter: Interpreter) throws -> Value?
    /// `x[...] = v`; false when not indexable.
    func setIndex(_ indices: [IndexArgument], _ value: Value, _ interpreter: Interpreter) throws -> Bool
    /// Whether `x[...] = v` changes only the variable it goes through (a tensor), as a Swift
    /// array does, rather than every holder of the object (lists, layers).
    var hasValueSemantics: Bool { get }
    /// `x[...] = v` for an object with value semantics: writes in place when `unique` (the
    /// variable holds the only reference), else into a copy; returns the value to store back.
    func settingIndex(_ indices: [IndexArgument], _ value: Value, unique: Bool, _ interpreter: Interpreter) throws -> Value
    /// `len(x)`; nil when it has no length.
    func length() throws -> Int?
    /// `for v in x`; nil when not iterable.
    func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator?
    /// `x op other` (or `other op x` when `reversed`), arithmetic and comparisons; nil when unsupported.
    func binary(_ op: String, _ other: Value, reversed: Bool, _ interpreter: Interpreter) throws -> Value?
    /// `-x`; nil when unsupported.
    func negate(_ interpreter: Interpreter) throws -> Value?
    /// `~x` (logical or bitwise not); nil when unsupported.
    func invert(_ interpreter: Interpreter) throws -> Value?
    /// The object's truth in a condition; nil for "always true", throw when it is ambiguous.
    func truthValue() throws -> Bool?
    /// `==` with another value (default: identity).
    func isEqual(to other: Value) -> Bool
    /// The printed form: compact inside lists and dicts, full for `print(x)` and display.
    func display(full: Bool) -> String
    /// Changes whenever the object (or anything it owns, such as weights) is mutated.
    var version: Int { get }
    /// Bytes to store it with and the decoder tag; nil when it cannot be stored.
    func encode() throws -> EncodedObject?
    /// What stored sharing is keyed on: two values with the same identity restore as one
    /// (default: the object itself; a thin wrapper returns what it wraps).
    var identity: AnyObject { get }
    /// Values living inside the object that other values may share (a layer's parameter
    /// tensors), in an order its decoder reproduces, so they restore as the restored object's own.
    var sharedParts: [Value] { get }
    /// Values this object holds that version snapshots should also look into.
    var children: [Value] { get }
}

/// A native object stored as bytes, restored by the decoder registered for `tag`.
public struct EncodedObject {
    /// The decoder's key in the registry.
    public let tag: String
    /// The payload.
    public let bytes: [UInt8]
    /// Values the object refers to (a schedule's optimizer, an optimizer's parameters): stored
    /// with sharing kept and handed back, restored, to the decoder in the same order.
    public let references: [Value]
    /// Makes an encoded object.
    public init(tag: String, bytes: [UInt8], references: [Value] = []) {
        self.tag = tag
        self.bytes = bytes
        self.references = references
    }
}

/// Produces the values of a `for` loop over a native object.
public protocol ScriptIterator: AnyObject {
    /// The next value, or nil at the end.
    func next(_ interpreter: Interpreter) throws -> Value?
}

public extension ScriptObject {
    func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? { nil }
    func setMember(_ name: String, _ value: Value, _ interpreter: Interpreter) throws {
        throw ScriptError("cannot set property '\(name)' of a \(typeName)")
    }
    func call(_ arguments: [Value], keywords: [(String, Value)], _ interpreter: Interpreter) throws -> Value? { nil }
    func getIndex(_ indices: [IndexArgument], _ interpreter: Interpreter) throws -> Value? { nil }
    func setIndex(_ indices: [IndexArgument], _ value: Value, _ interpreter: Interpreter) throws -> Bool { false }
    var hasValueSemantics: Bool { false }
    func settingIndex(_ indices: [IndexArgument], _ value: Value, unique: Bool, _ interpreter: Interpreter) throws -> Value {
        if try setIndex(indices, value, interpreter) { return .object(self) }
        throw ScriptError("a \(typeName) does not support item assignment")
    }
    func length() throws -> Int? { nil }
    func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? { nil }
    func binary(_ op: String, _ other: Value, reversed: Bool, _ interpreter: Interpreter) throws -> Value? { nil }
    func negate(_ interpreter: Interpreter) throws -> Value? { nil }
    func invert(_ interpreter: Interpreter) throws -> Value? { nil }
    func truthValue() throws -> Bool? { nil }
    func isEqual(to other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }
    func display(full: Bool) -> String { "<\(typeName)>" }
    var version: Int { 0 }
    func encode() throws -> EncodedObject? { nil }
    var identity: AnyObject { self }
    var sharedParts: [Value] { [] }
    var children: [Value] { [] }
}

/// An iterator over a Swift closure, for bindings that produce values lazily.
public final class ClosureIterator: ScriptIterator {
    private let body: (Interpreter) throws -> Value?
    /// Wraps `body`, called until it returns nil.
    public init(_ body: @escaping (Interpreter) throws -> Value?) { self.body = body }
    /// The next value.
    public func next(_ interpreter: Interpreter) throws -> Value? { try body(interpreter) }
}
