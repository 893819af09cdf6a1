/// A Float in the shortest form that reads back exactly, always with a `.` or an exponent.
public func formatFloat(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    return d.description
}

/// A string in double quotes with escapes, as strings show inside lists and dicts.
public func quoted(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}

/// How `print` shows a value: strings bare, everything else as `reprString`.
public func printString(_ v: Value) -> String {
    switch v {
    case .string(let s): return s
    case .object(let o): return o.display(full: true)
    default: return reprString(v)
    }
}

/// How a value shows inside a list or dict, and as a displayed cell value: strings quoted.
public func reprString(_ v: Value) -> String {
    var out = ""
    appendRepr(v, to: &out, depth: 0)
    return out
}

private func isIdentifierLike(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
    return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
}

private func appendRepr(_ v: Value, to out: inout String, depth: Int) {
    switch v {
    case .null: out += "nil"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .float(let d): out += formatFloat(d)
    case .string(let s): out += quoted(s)
    case .list(let l):
        if depth > 50 { out += "[...]"; return }
        out += "["
        for (i, item) in l.items.enumerated() {
            if i > 0 { out += ", " }
            appendRepr(item, to: &out, depth: depth + 1)
        }
        out += "]"
    case .dict(let d):
        if depth > 50 { out += "{...}"; return }
        if d.count == 0 { out += "{}"; return }
        out += "{"
        for (i, key) in d.keys.enumerated() {
            if i > 0 { out += ", " }
            out += isIdentifierLike(key) ? key : quoted(key)
            out += ": "
            appendRepr(d.values[i], to: &out, depth: depth + 1)
        }
        out += "}"
    case .range(let r): out += r.description
    case .function(let c): out += "<fn \(c.info.name)>"
    case .builtin(let b): out += b.receiver == nil ? "<built-in \(b.builtin.signature)>" : "<method \(b.builtin.name) of \(b.receiver?.typeName ?? "")>"
    case .object(let o): out += o.display(full: depth == 0)
    }
}

/// `==` by value for nil, booleans, numbers, strings, lists, dicts and ranges; identity otherwise.
/// Walks nested lists and dicts with an explicit stack (any depth, no native recursion); a pair of
/// containers met again while comparing (a list that contains itself) is taken as equal, so
/// cyclic values compare in finite time.
public func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    var pending: [(Value, Value)] = []
    var compared = Set<ContainerPair>()
    guard shallowEqual(a, b, descend: &pending) else { return false }
    while let (x, y) = pending.popLast() {
        switch (x, y) {
        case (.list(let p), .list(let q)):
            guard compared.insert(ContainerPair(p, q)).inserted else { continue }
            let left = p.items, right = q.items
            guard left.count == right.count else { return false }
            for i in left.indices where !shallowEqual(left[i], right[i], descend: &pending) { return false }
        case (.dict(let p), .dict(let q)):
            guard compared.insert(ContainerPair(p, q)).inserted else { continue }
            guard p.count == q.count else { return false }
            for (key, value) in zip(p.keys, p.values) {
                guard let other = q[key], shallowEqual(value, other, descend: &pending) else { return false }
            }
        default:
            return false
        }
    }
    return true
}

/// Two containers being compared, by identity.
private struct ContainerPair: Hashable {
    let left: ObjectIdentifier, right: ObjectIdentifier
    init(_ left: AnyObject, _ right: AnyObject) {
        self.left = ObjectIdentifier(left)
        self.right = ObjectIdentifier(right)
    }
}

/// Compares everything but the contents of two distinct lists or two distinct dicts, which are
/// pushed onto `descend` for the caller to compare.
private func shallowEqual(_ a: Value, _ b: Value, descend: inout [(Value, Value)]) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.int(let x), .float(let y)): return Double(x) == y
    case (.float(let x), .int(let y)): return x == Double(y)
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
        if x === y { return true }
        guard x.items.count == y.items.count else { return false }
        descend.append((a, b))
        return true
    case (.dict(let x), .dict(let y)):
        if x === y { return true }
        guard x.count == y.count else { return false }
        descend.append((a, b))
        return true
    case (.range(let x), .range(let y)):
        return x.start == y.start && x.count == y.count && x.step == y.step
    case (.function(let x), .function(let y)): return x === y
    case (.builtin(let x), .builtin(let y)): return x.builtin.name == y.builtin.name && x.builtin.module == y.builtin.module && x.receiver == nil && y.receiver == nil
    case (.object(let o), _): return o.isEqual(to: b)
    case (_, .object(let o)): return o.isEqual(to: a)
    default: return false
    }
}
