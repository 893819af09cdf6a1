/// Stores values as bytes and restores them: numbers, strings, booleans, nil, lists, dicts,
/// ranges, built-ins, and native objects through their `encode()` and the registry's decoders.
/// Functions cannot be stored (re-run their definition: `Interpreter.definingSource(of:)`).
///
/// Sharing is kept: values stored together (one `ValueEncoder`, e.g. every binding a notebook
/// cell wrote) record each list, dict and native object once and refer back to it, so aliases
/// stay aliases, a list may contain itself, and an optimizer keeps updating its model's tensors.
/// A value that an encoder's environment already holds (a binding of an earlier cell) is stored
/// as a reference to where it lives there (`m`, `models[0]`, a part of `m`) and resolved
/// against the environment when restored.
///
/// Format 2: "SEGV", 2, the objects that own shared parts (a layer's parameters), then the
/// named values. Older bytes are rejected as a version mismatch.
public enum ValueCodec {
    static let magic: [UInt8] = Array("SEGV".utf8)
    static let formatVersion: UInt8 = 2
    static var header: [UInt8] { magic + [formatVersion] }
    /// Nesting deeper than this is refused on both sides, so neither recursion can overflow.
    static let maxDepth = 1000

    /// The stream's value tags.
    enum Tag: UInt8 {
        case null = 0, falseValue, trueValue, int, float, string, list, dict, range, object, builtin
        /// An earlier list, dict or object of the same stream, by slot.
        case shared
        /// A value of the environment: name and path.
        case external
        /// A shared part of an earlier object: slot and part index.
        case part
    }

    /// One step from an environment value to something inside it.
    enum PathStep: Equatable {
        case index(Int)
        case key(String)
        case part(Int)
    }

    /// The bytes of `value` alone (sharing inside it kept); throws a `.notStorable` error naming
    /// what cannot be stored.
    public static func encode(_ value: Value) throws -> [UInt8] {
        let encoder = ValueEncoder()
        try encoder.add("", value)
        return try encoder.finish()
    }

    /// Whether `value` can be stored (everything reachable is storable).
    public static func canStore(_ value: Value) -> Bool { (try? encode(value)) != nil }

    /// Restores a value stored by `encode(_:)`; corrupt or truncated bytes are an error, never a crash.
    public static func decode(_ bytes: [UInt8], registry: Registry) throws -> Value {
        let values = try decodeBindings(bytes, registry: registry, environment: { _ in nil })
        guard values.count == 1, let only = values.first else { throw corrupt("expected one value, found \(values.count)") }
        return only.value
    }

    /// Restores the named values of a `ValueEncoder`, resolving references to the environment
    /// through `environment` (a global's current value by name).
    public static func decodeBindings(_ bytes: [UInt8], registry: Registry,
                                      environment: @escaping (String) -> Value?) throws -> [(name: String, value: Value)] {
        var decoder = ValueDecoder(bytes: bytes, registry: registry, environment: environment)
        return try decoder.decodeAll()
    }

    static func corrupt(_ why: String) -> ScriptError { ScriptError("stored value is corrupt: \(why)") }

    static func notStorable(_ what: String) -> ScriptError { ScriptError("\(what) cannot be stored", kind: .notStorable) }

    /// What sharing is keyed on; nil for values without identity (numbers, strings, ranges).
    static func identity(of value: Value) -> AnyObject? {
        switch value {
        case .list(let l): return l
        case .dict(let d): return d
        case .object(let o): return o.identity
        default: return nil
        }
    }
}
