/// The value `catch err` binds: `.message`, `.line`, `.column`, `.file`, `.stack`.
public final class ErrorObject: ScriptObject {
    /// The error it wraps.
    public let error: ScriptError

    /// Wraps an error.
    public init(_ error: ScriptError) { self.error = error }

    public var typeName: String { "Error" }

    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "message": return .string(error.message)
        case "line": return error.range.map { .int($0.line) } ?? .null
        case "column": return error.range.map { .int($0.column) } ?? .null
        case "file": return error.range.map { .string($0.file.name) } ?? .null
        case "stack": return .list(error.stack.map { .string($0.function) })
        default: return nil
        }
    }

    public func display(full: Bool) -> String { "Error(\(quoted(error.message)))" }

    public func encode() throws -> EncodedObject? { EncodedObject(tag: "Error", bytes: Array(error.message.utf8)) }
}

/// A module of built-ins (`nn`, `image`, ...): its members are the registry's functions.
public final class ModuleObject: ScriptObject {
    /// The module name.
    public let name: String
    init(name: String) { self.name = name }

    public var typeName: String { "Module" }

    public func getMember(_ member: String, _ interpreter: Interpreter) throws -> Value? {
        if let b = interpreter.registry.function(member, module: name) { return .builtin(BuiltinFunction(b)) }
        if let v = interpreter.registry.constant(member, module: name) { return v }
        return nil
    }

    public func display(full: Bool) -> String { "<module \(name)>" }
}
