/// `x[i]`, `x[a:b:c]` and `x[i] = v` for lists, strings, dicts, ranges and native objects.
extension Interpreter {
    /// Normalizes a possibly negative index into `0..<count`.
    static func position(_ i: Int, _ count: Int, _ what: String) throws -> Int {
        let p = i < 0 ? i + count : i
        guard p >= 0 && p < count else { throw ScriptError("index \(i) out of range for \(what) of length \(count)") }
        return p
    }

    /// The positions a Python-style slice selects.
    static func slicePositions(_ start: Int?, _ stop: Int?, _ step: Int?, _ count: Int) -> [Int] {
        let s = step ?? 1
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { min(max(v, lo), hi) }
        var out: [Int] = []
        if s > 0 {
            let a = start.map { clamp($0 < 0 ? $0 + count : $0, 0, count) } ?? 0
            let b = stop.map { clamp($0 < 0 ? $0 + count : $0, 0, count) } ?? count
            var i = a
            while i < b {
                out.append(i)
                let (n, o) = i.addingReportingOverflow(s)
                if o { break }
                i = n
            }
        } else {
            let a = start.map { clamp($0 < 0 ? $0 + count : $0, -1, count - 1) } ?? count - 1
            let b = stop.map { clamp($0 < 0 ? $0 + count : $0, -1, count - 1) } ?? -1
            var i = a
            while i > b {
                out.append(i)
                let (n, o) = i.addingReportingOverflow(s)
                if o { break }
                i = n
            }
        }
        return out
    }

    /// `v[indices]`.
    public func getIndex(_ v: Value, _ indices: [IndexArgument]) throws -> Value {
        if case .object(let o) = v {
            if let r = try o.getIndex(indices, self) { return r }
            throw ScriptError("a \(o.typeName) cannot be indexed")
        }
        guard indices.count == 1 else { throw ScriptError("a \(v.typeName) takes one index, not \(indices.count)") }
        switch (v, indices[0]) {
        case (.list(let l), .value(.int(let i))): return l.items[try Interpreter.position(i, l.items.count, "list")]
        case (.list(let l), .slice(let a, let b, let s)):
            return .list(Interpreter.slicePositions(a, b, s, l.items.count).map { l.items[$0] })
        case (.string(let str), .value(.int(let i))):
            let chars = Array(str)
            return .string(String(chars[try Interpreter.position(i, chars.count, "string")]))
        case (.string(let str), .slice(let a, let b, let s)):
            let chars = Array(str)
            return .string(String(Interpreter.slicePositions(a, b, s, chars.count).map { chars[$0] }))
        case (.dict(let d), .value(.string(let k))):
            if let x = d[k] { return x }
            throw ScriptError("dict has no key \(quoted(k))")
        case (.range(let r), .value(.int(let i))): return .int(r.element(try Interpreter.position(i, r.count, "range")))
        case (.list, .value(let x)), (.string, .value(let x)), (.range, .value(let x)):
            throw ScriptError("a \(v.typeName) index must be an Int, not \(x.typeName)")
        case (.dict, .value(let x)): throw ScriptError("dict keys are Strings, not \(x.typeName)")
        default: throw ScriptError("a \(v.typeName) cannot be indexed this way")
        }
    }

    /// `v[indices] = value` for an assignment statement: a container with value semantics (a
    /// tensor) gives the new value its variable must hold; others change in place and give nil.
    func updatingIndex(_ v: Value, _ indices: [IndexArgument], _ value: Value, unique: Bool) throws -> Value? {
        if case .object(let o) = v, o.hasValueSemantics { return try o.settingIndex(indices, value, unique: unique, self) }
        try setIndex(v, indices, value)
        return nil
    }

    /// `v[indices] = value`.
    public func setIndex(_ v: Value, _ indices: [IndexArgument], _ value: Value) throws {
        if case .object(let o) = v {
            if try o.setIndex(indices, value, self) { return }
            throw ScriptError("a \(o.typeName) does not support item assignment")
        }
        guard indices.count == 1 else { throw ScriptError("a \(v.typeName) takes one index, not \(indices.count)") }
        switch (v, indices[0]) {
        case (.list(let l), .value(.int(let i))):
            let p = try Interpreter.position(i, l.items.count, "list")
            l.mutate { $0[p] = value }
        case (.list(let l), .slice(let a, let b, nil)):
            let positions = Interpreter.slicePositions(a, b, nil, l.items.count)
            let replacement = try iterate(value)
            let lo = positions.first ?? min(max(a.map { $0 < 0 ? $0 + l.items.count : $0 } ?? 0, 0), l.items.count)
            l.mutate { $0.replaceSubrange(lo..<(lo + positions.count), with: replacement) }
        case (.dict(let d), .value(.string(let k))): d.set(k, value)
        case (.dict, .value(let x)): throw ScriptError("dict keys are Strings, not \(x.typeName)")
        case (.list, .value(let x)): throw ScriptError("a list index must be an Int, not \(x.typeName)")
        default: throw ScriptError("a \(v.typeName) does not support item assignment")
        }
    }
}
