import Foundation

/// One parameter of a built-in: its name and default (nil = required). A variadic parameter
/// collects the remaining positional arguments as a List.
public struct Param {
    /// The name, also the keyword.
    public let name: String
    /// The default, or nil when the argument is required.
    public let defaultValue: Value?
    /// Collects the remaining positional arguments.
    public let variadic: Bool

    /// A parameter; `defaultValue: nil` makes it required.
    public init(_ name: String, _ defaultValue: Value? = nil, variadic: Bool = false) {
        self.name = name
        self.defaultValue = defaultValue
        self.variadic = variadic
    }

    /// An optional parameter whose default is `nil`.
    public static func optional(_ name: String) -> Param { Param(name, .null) }
}

/// A built-in function or method: the single description that calls, `help`, completion and the
/// generated reference all read.
public struct Builtin {
    /// The name (`zeros`, `append`).
    public let name: String
    /// The module (`nn`), nil for globals; for methods, the receiver's type name.
    public internal(set) var module: String?
    /// Whether it is a method of `module`'s type rather than a module function.
    public internal(set) var isMethod = false
    /// The parameters in order, with defaults.
    public let parameters: [Param]
    /// One line of documentation.
    public let doc: String
    /// The implementation; receives the arguments bound to `parameters`.
    public let implementation: (Arguments) throws -> Value
    /// Where the variadic parameter is, if there is one; computed once so that calls need not search.
    let variadicIndex: Int?

    /// Describes a built-in.
    public init(_ name: String, _ parameters: [Param] = [], doc: String, _ implementation: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.implementation = implementation
        variadicIndex = parameters.firstIndex { $0.variadic }
    }

    /// `module.name(a, b = 1)` as help and the reference show it.
    public var signature: String {
        let params = parameters.map { p -> String in
            if p.variadic { return "\(p.name)..." }
            if let d = p.defaultValue { return "\(p.name) = \(reprString(d))" }
            return p.name
        }.joined(separator: ", ")
        let prefix = isMethod ? "\(module ?? "")." : (module.map { "\($0)." } ?? "")
        return "\(prefix)\(name)(\(params))"
    }
}

/// A built-in as a value; `receiver` is set for a method taken from a value (`xs.append`).
public final class BuiltinFunction {
    /// The description.
    public let builtin: Builtin
    /// The bound receiver of a method.
    public let receiver: Value?
    /// Wraps a built-in.
    public init(_ builtin: Builtin, receiver: Value? = nil) {
        self.builtin = builtin
        self.receiver = receiver
    }
}

/// The arguments a built-in receives: one value per parameter (defaults filled in), the receiver
/// of a method, and the interpreter.
public struct Arguments {
    /// Values in parameter order; a variadic parameter's values come as a List.
    public let values: [Value]
    /// `self` of a method call.
    public let receiver: Value
    /// The interpreter (output sink, random stream, calling back into Seg functions).
    public let interpreter: Interpreter
    /// The built-in being called, for error messages.
    public let builtin: Builtin

    /// The i-th parameter's value.
    public subscript(_ i: Int) -> Value { i < values.count ? values[i] : .null }

    private func fail(_ i: Int, _ expected: String) -> ScriptError {
        let name = i < builtin.parameters.count ? builtin.parameters[i].name : "\(i)"
        return ScriptError("\(builtin.name)(): argument '\(name)' must be \(expected), not \(self[i].typeName)")
    }

    /// The i-th value as an Int.
    public func int(_ i: Int) throws -> Int {
        if case .int(let v) = self[i] { return v }
        if case .bool(let b) = self[i] { return b ? 1 : 0 }
        throw fail(i, "an Int")
    }
    /// The i-th value as an Int, nil when it is `nil`.
    public func optionalInt(_ i: Int) throws -> Int? { if case .null = self[i] { return nil }; return try int(i) }
    /// The i-th value as a Double (Ints convert).
    public func double(_ i: Int) throws -> Double {
        if let d = self[i].asDouble { return d }
        throw fail(i, "a number")
    }
    /// The i-th value as a String.
    public func string(_ i: Int) throws -> String {
        if case .string(let s) = self[i] { return s }
        throw fail(i, "a String")
    }
    /// The i-th value as the path of a file the built-in is about to read; the read is reported
    /// to the output sink (absolute, against the current directory) so a cache can key on the file.
    /// Every built-in that reads a file takes its path through here.
    public func inputPath(_ i: Int) throws -> String {
        let path = try string(i)
        interpreter.sink.fileRead(URL(fileURLWithPath: path).standardizedFileURL.path)
        return path
    }
    /// The i-th value as a Bool (truthiness).
    public func bool(_ i: Int) -> Bool { self[i].isTruthy }
    /// The i-th value as a list box.
    public func list(_ i: Int) throws -> ListBox {
        if case .list(let l) = self[i] { return l }
        throw fail(i, "a List")
    }
    /// The i-th value as a dict box.
    public func dict(_ i: Int) throws -> DictBox {
        if case .dict(let d) = self[i] { return d }
        throw fail(i, "a Dict")
    }
    /// The i-th value as a list of values, from any iterable (list, range, dict keys, string, object).
    public func sequence(_ i: Int) throws -> [Value] { try interpreter.iterate(self[i]) }
    /// The receiver as a list box.
    public func receiverList() throws -> ListBox {
        if case .list(let l) = receiver { return l }
        throw ScriptError("\(builtin.name)(): expected a List receiver")
    }
    /// The elements of a List or Range receiver (a range is counted out).
    public func receiverItems() throws -> [Value] {
        switch receiver {
        case .list(let l): return l.items
        case .range: return try interpreter.iterate(receiver)
        default: throw ScriptError("\(builtin.name)(): expected a List or Range receiver")
        }
    }
    /// The receiver as a String.
    public func receiverString() throws -> String {
        if case .string(let s) = receiver { return s }
        throw ScriptError("\(builtin.name)(): expected a String receiver")
    }
    /// Calls a Seg function value with positional arguments.
    public func call(_ function: Value, _ args: [Value]) throws -> Value { try interpreter.call(function, args) }
}
