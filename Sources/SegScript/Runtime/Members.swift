/// Member access `x.name` and method calls `x.name(...)` on every value kind.
extension Interpreter {
    /// `x.name`: a dict key, an object property, or a method bound to its receiver.
    public func getMember(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .dict(let d):
            if let x = d[name] { return x }
            if let m = registry.method(name, of: "Dict") { return .builtin(BuiltinFunction(m, receiver: v)) }
            throw ScriptError("dict has no key '\(name)'")
        case .object(let o):
            if let x = try o.getMember(name, self) { return x }
            if let m = registry.method(name, of: o.typeName) { return .builtin(BuiltinFunction(m, receiver: v)) }
            throw ScriptError("\(o.typeName) has no member '\(name)'\(suggestion(name, candidates: completions(ofMembersOf: v)))")
        default:
            if let m = registry.method(name, of: v.typeName) { return .builtin(BuiltinFunction(m, receiver: v)) }
            throw ScriptError("\(v.typeName) has no member '\(name)'\(suggestion(name, candidates: completions(ofMembersOf: v)))")
        }
    }

    /// `x.name = value`: a dict key or a settable property.
    public func setMember(_ v: Value, _ name: String, _ value: Value) throws {
        switch v {
        case .dict(let d): d.set(name, value)
        case .object(let o): try o.setMember(name, value, self)
        default: throw ScriptError("cannot set member '\(name)' of a \(v.typeName)")
        }
    }

    /// `x.name(args)`: a registered method, or a callable property / dict entry.
    public func callMethod(_ receiver: Value, _ name: String, _ args: [Value], _ keywords: [(String, Value)] = []) throws -> Value {
        switch receiver {
        case .dict(let d):
            if let x = d[name] { return try call(x, args, keywords: keywords) }
        case .object(let o):
            if let m = registry.method(name, of: o.typeName) { return try callBuiltin(m, receiver: receiver, args, keywords) }
            if let x = try o.getMember(name, self) { return try call(x, args, keywords: keywords) }
            throw ScriptError("\(o.typeName) has no method '\(name)'\(suggestion(name, candidates: completions(ofMembersOf: receiver)))")
        default: break
        }
        if let m = registry.method(name, of: receiver.typeName) { return try callBuiltin(m, receiver: receiver, args, keywords) }
        if case .dict = receiver { throw ScriptError("dict has no key '\(name)'") }
        throw ScriptError("\(receiver.typeName) has no method '\(name)'\(suggestion(name, candidates: completions(ofMembersOf: receiver)))")
    }

    func suggestion(_ name: String, candidates: [String]) -> String {
        let close = candidates.filter { editDistance($0, name) <= max(1, name.count / 3) }
        guard let best = close.min(by: { editDistance($0, name) < editDistance($1, name) }) else { return "" }
        return " (did you mean '\(best)'?)"
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    for i in 1...x.count {
        var cur = [i] + [Int](repeating: 0, count: y.count)
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[y.count]
}
