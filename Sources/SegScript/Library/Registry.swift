/// The one table of built-ins: global functions, module functions, methods of value types, module
/// constants, and decoders for stored native objects. The core library registers itself here too.
public final class Registry {
    private(set) var globals: [String: Builtin] = [:]
    private(set) var globalConstants: [String: Value] = [:]
    private(set) var modules: [String: [String: Builtin]] = [:]
    private(set) var moduleConstants: [String: [String: Value]] = [:]
    private(set) var methods: [String: [String: Builtin]] = [:]
    private(set) var moduleDocs: [String: String] = [:]
    /// Documented properties of value types (`Tensor.shape`), for help, completion and the reference.
    private(set) var properties: [String: [String: Property]] = [:]
    /// Restores native objects by their `EncodedObject.tag`.
    private(set) var decoders: [String: ([UInt8], [Value]) throws -> Value] = [:]

    /// An empty registry (no core library).
    public init() {}

    /// A fresh registry holding the core library.
    public static func withCore() -> Registry {
        let r = Registry()
        CoreLibrary.register(into: r)
        return r
    }

    /// Registers global functions (`module == nil`) or the functions of a module (`nn.conv2d`).
    public func register(module: String? = nil, doc: String? = nil, builtins: [Builtin]) {
        for var b in builtins {
            b.module = module
            b.isMethod = false
            if let m = module { modules[m, default: [:]][b.name] = b } else { globals[b.name] = b }
        }
        if let m = module {
            if modules[m] == nil { modules[m] = [:] }
            if let doc = doc { moduleDocs[m] = doc }
        }
    }

    /// Registers methods of the values whose `type(x)` is `typeName` ("List", "Tensor", "Layer").
    public func register(methodsOf typeName: String, builtins: [Builtin]) {
        for var b in builtins {
            b.module = typeName
            b.isMethod = true
            methods[typeName, default: [:]][b.name] = b
        }
    }

    /// Registers the documented properties of the values whose `type(x)` is `typeName`.
    public func register(propertiesOf typeName: String, _ list: [Property]) {
        for p in list { properties[typeName, default: [:]][p.name] = p }
    }

    /// A documented property of a type.
    public func property(_ name: String, of typeName: String) -> Property? { properties[typeName]?[name] }

    /// Names of a type's documented properties, sorted.
    public func propertyNames(of typeName: String) -> [String] { (properties[typeName] ?? [:]).keys.sorted() }

    /// Whether `name` is a type with registered methods or properties ("Tensor", "Dataset").
    public func isType(_ name: String) -> Bool { methods[name] != nil || properties[name] != nil }

    /// Registers a global constant (`pi`) or a module constant.
    public func register(constant name: String, module: String? = nil, value: Value) {
        if let m = module { moduleConstants[m, default: [:]][name] = value } else { globalConstants[name] = value }
    }

    /// Registers how to restore objects stored with `tag`.
    public func register(decoder tag: String, _ decode: @escaping ([UInt8]) throws -> Value) { decoders[tag] = { bytes, _ in try decode(bytes) } }

    /// Registers how to restore objects stored with `tag` that refer to other values
    /// (`EncodedObject.references`, given back restored in the same order).
    public func register(decoder tag: String, _ decode: @escaping ([UInt8], [Value]) throws -> Value) { decoders[tag] = decode }

    /// A global or module function.
    public func function(_ name: String, module: String? = nil) -> Builtin? {
        if let m = module { return modules[m]?[name] }
        return globals[name]
    }

    /// A method of a type.
    public func method(_ name: String, of typeName: String) -> Builtin? { methods[typeName]?[name] }

    /// A module constant.
    public func constant(_ name: String, module: String?) -> Value? {
        if let m = module { return moduleConstants[m]?[name] }
        return globalConstants[name]
    }

    /// Module names.
    public var moduleNames: [String] { modules.keys.sorted() }

    /// Names of a module's functions and constants.
    public func members(ofModule m: String) -> [String] {
        Array(Set((modules[m] ?? [:]).keys).union((moduleConstants[m] ?? [:]).keys)).sorted()
    }

    /// Names of a type's methods.
    public func methodNames(of typeName: String) -> [String] { (methods[typeName] ?? [:]).keys.sorted() }

    /// The names defined globally: functions, constants and modules.
    public var globalNames: [String] {
        Array(Set(globals.keys).union(globalConstants.keys).union(modules.keys)).sorted()
    }

    /// The value a global name has before any program runs.
    func initialValue(of name: String) -> Value? {
        if let b = globals[name] { return .builtin(BuiltinFunction(b)) }
        if let c = globalConstants[name] { return c }
        if modules[name] != nil { return .object(ModuleObject(name: name)) }
        return nil
    }

    /// The documentation of a module.
    public func doc(ofModule m: String) -> String? { moduleDocs[m] }
}

/// A property of a built-in value type (`t.shape`, `ds.classes`): its documentation, for help,
/// completion and the language reference. The object's `getMember` gives its value.
public struct Property {
    /// The name after the dot.
    public let name: String
    /// One line (or a few) saying what it holds.
    public let doc: String
    /// Whether `x.name = v` is allowed.
    public let settable: Bool

    /// Documents a property.
    public init(_ name: String, _ doc: String, settable: Bool = false) {
        self.name = name
        self.doc = doc
        self.settable = settable
    }

    /// How help and the reference show it: `.shape` or `.lr (settable)`.
    public var signature: String { "." + name + (settable ? " (settable)" : "") }
}
