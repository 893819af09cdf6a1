/// Binary operators with an inline Int/Float fast path; everything else goes to `Operators.apply`.
extension Compiler {
    @inline(__always) static func slow(_ op: BinaryOp, _ a: Value, _ b: Value, _ f: Frame, _ range: SourceRange) throws -> Value {
        do { return try Operators.apply(op, a, b, f.interpreter) } catch { throw f.interpreter.locate(error, range) }
    }

    func binary(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ range: SourceRange) -> Code {
        let lo = operand(a)
        // A constant Int on the right (`n - 1`, `i % 7`, `n < 2`) skips evaluating a closure.
        if case .literal(.int(let k)) = b.kind {
            switch op {
            case .add:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { let (r, o) = i.addingReportingOverflow(k); if !o { return .int(r) } }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .sub:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { let (r, o) = i.subtractingReportingOverflow(k); if !o { return .int(r) } }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .mod where k > 0:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { let r = i % k; return .int(r < 0 ? r + k : r) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .lt:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { return .bool(i < k) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .le:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { return .bool(i <= k) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .gt:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { return .bool(i > k) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .ge:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { return .bool(i >= k) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            case .eq:
                return { f in
                    let x = try lo.load(f)
                    if case .int(let i) = x { return .bool(i == k) }
                    return try Compiler.slow(op, x, .int(k), f, range)
                }
            default: break
            }
        }
        let ro = operand(b)
        switch op {
        case .add:
            return { f in
                let x = try lo.load(f), y = try ro.load(f)
                switch (x, y) {
                case (.int(let i), .int(let j)):
                    let (s, o) = i.addingReportingOverflow(j)
                    if !o { return .int(s) }
                case (.float(let p), .float(let q)): return .float(p + q)
                default: break
                }
                return try Compiler.slow(op, x, y, f, range)
            }
        case .sub:
            return { f in
                let x = try lo.load(f), y = try ro.load(f)
                switch (x, y) {
                case (.int(let i), .int(let j)):
                    let (s, o) = i.subtractingReportingOverflow(j)
                    if !o { return .int(s) }
                case (.float(let p), .float(let q)): return .float(p - q)
                default: break
                }
                return try Compiler.slow(op, x, y, f, range)
            }
        case .mul:
            return { f in
                let x = try lo.load(f), y = try ro.load(f)
                switch (x, y) {
                case (.int(let i), .int(let j)):
                    let (s, o) = i.multipliedReportingOverflow(by: j)
                    if !o { return .int(s) }
                case (.float(let p), .float(let q)): return .float(p * q)
                default: break
                }
                return try Compiler.slow(op, x, y, f, range)
            }
        case .lt, .le, .gt, .ge:
            return { f in
                let x = try lo.load(f), y = try ro.load(f)
                if case .int(let i) = x, case .int(let j) = y {
                    switch op {
                    case .lt: return .bool(i < j)
                    case .le: return .bool(i <= j)
                    case .gt: return .bool(i > j)
                    default: return .bool(i >= j)
                    }
                }
                return try Compiler.slow(op, x, y, f, range)
            }
        default:
            return { f in
                let x = try lo.load(f), y = try ro.load(f)
                return try Compiler.slow(op, x, y, f, range)
            }
        }
    }
}
