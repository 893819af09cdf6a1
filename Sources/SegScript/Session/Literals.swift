/// Seg literals as values, for `-p NAME=VALUE` parameter overrides.
extension Interpreter {
    /// The value of `text` when it is a literal (number, string, boolean, nil, or a list/dict of
    /// literals, with unary minus); nil otherwise (the runner then takes the text as a String).
    public static func literalValue(_ text: String) -> Value? {
        let file = SourceFile(name: "<parameter>", text: text)
        let parser = Parser(file: file)
        guard parser.diagnostics.isEmpty, let e = try? parser.expression(), parser.diagnostics.isEmpty else { return nil }
        if case .newline = parser.current.kind {} else if case .eof = parser.current.kind {} else { return nil }
        return literal(e)
    }

    private static func literal(_ e: Expr) -> Value? {
        switch e.kind {
        case .literal(let v): return v
        case .negate(let x):
            switch literal(x) {
            case .int(let i)?: return i == Int.min ? nil : .int(-i)
            case .float(let d)?: return .float(-d)
            default: return nil
            }
        case .list(let items):
            var out: [Value] = []
            for i in items { guard let v = literal(i) else { return nil }; out.append(v) }
            return .list(out)
        case .dict(let entries):
            var out: [(String, Value)] = []
            for (k, x) in entries { guard let v = literal(x) else { return nil }; out.append((k, v)) }
            return .dict(out)
        default: return nil
        }
    }
}
