/// Tab-completion candidates for the REPL, from the registry and the environment.
extension Interpreter {
    /// Global names (user bindings, built-ins, modules, keywords) starting with `prefix`.
    public func completions(forPrefix prefix: String) -> [String] {
        var names = Set(registry.globalNames)
        names.formUnion(globals.values.filter(\.isDefined).map(\.name))
        names.formUnion(Keyword.allCases.map(\.rawValue))
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Members of a value: dict keys, module members, object properties and methods.
    public func completions(ofMembersOf value: Value, prefix: String = "") -> [String] {
        var names = Set(registry.methodNames(of: value.typeName)).union(registry.propertyNames(of: value.typeName))
        switch value {
        case .dict(let d): names.formUnion(d.keys)
        case .object(let m as ModuleObject): names.formUnion(registry.members(ofModule: m.name))
        case .object(let o): names.formUnion(propertyNames(o))
        default: break
        }
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    private func propertyNames(_ o: ScriptObject) -> [String] {
        (o as? PropertyListing)?.propertyNames ?? []
    }

    /// Candidates for the text before the cursor: `xs.ap` completes methods of `xs`,
    /// `nn.co` module members, anything else global names. Returns whole replacement words.
    public func completions(forLine line: String) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var i = scalars.count
        while i > 0, scalars[i - 1] == "_" || scalars[i - 1] == "." || (scalars[i - 1].isASCII && (scalars[i - 1].properties.isAlphabetic || ("0"..."9").contains(scalars[i - 1]))) { i -= 1 }
        let word = String(String.UnicodeScalarView(scalars[i...]))
        guard let dot = word.lastIndex(of: ".") else { return completions(forPrefix: word) }
        let base = String(word[..<dot])
        let prefix = String(word[word.index(after: dot)...])
        guard let v = try? lookupPath(base) else { return [] }
        return completions(ofMembersOf: v, prefix: prefix).map { base + "." + $0 }
    }

    /// Evaluates a dotted path of names without running user code (no calls).
    private func lookupPath(_ path: String) throws -> Value? {
        let parts = path.split(separator: ".").map(String.init)
        guard let first = parts.first, var v = global(first) else { return nil }
        for p in parts.dropFirst() {
            if case .object(let o) = v, !(o is ModuleObject), !(o is ErrorObject) {
                // Native properties may be expensive or have effects; only follow plain data.
                return nil
            }
            v = try getMember(v, p)
        }
        return v
    }
}

/// Native objects that list their properties for completion adopt this.
public protocol PropertyListing {
    /// Property names (`shape`, `dtype`, ...).
    var propertyNames: [String] { get }
}
