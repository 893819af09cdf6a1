/// How an operand is fetched: directly from a local slot or a constant, or by running code.
/// Switching on this inside a compiled closure is cheaper than one more indirect call.
enum Operand {
    case slot(Int)
    case constant(Value)
    case code(Code)
    /// `local op k` for `+ - * %` and an Int constant k (`n - 1`, `i % 7`), computed inline.
    case slotIntOp(Int, BinaryOp, Int, SourceRange)

    @inline(__always) func load(_ f: Frame) throws -> Value {
        switch self {
        case .slot(let s): return f.slots[s]
        case .constant(let v): return v
        case .code(let c): return try c(f)
        case .slotIntOp(let s, let op, let k, let range):
            let x = f.slots[s]
            if case .int(let i) = x {
                switch op {
                case .add:
                    let (r, o) = i.addingReportingOverflow(k)
                    if !o { return .int(r) }
                case .sub:
                    let (r, o) = i.subtractingReportingOverflow(k)
                    if !o { return .int(r) }
                case .mul:
                    let (r, o) = i.multipliedReportingOverflow(by: k)
                    if !o { return .int(r) }
                case .mod:
                    if k > 0 {
                        let r = i % k
                        return .int(r < 0 ? r + k : r)
                    }
                default: break
                }
            }
            return try Compiler.slow(op, x, .int(k), f, range)
        }
    }
}

extension Compiler {
    func operand(_ e: Expr) -> Operand {
        switch e.kind {
        case .literal(let v): return .constant(v)
        case .name(let n):
            if n.captureIndex == nil, let d = n.decl, !d.captured { return .slot(d.slot) }
        case .binary(let op, let a, let b):
            if [BinaryOp.add, .sub, .mul, .mod].contains(op), case .literal(.int(let k)) = b.kind,
               case .name(let n) = a.kind, n.captureIndex == nil, let d = n.decl, !d.captured {
                return .slotIntOp(d.slot, op, k, e.range)
            }
        default: break
        }
        return .code(expr(e))
    }
}

/// Stores `v` at `p`, skipping the release of the old value when it holds no reference
/// (an Int or Float counter overwritten every iteration).
@inline(__always) func storeValue(_ p: UnsafeMutablePointer<Value>, _ v: Value) {
    switch p.pointee {
    case .int, .float, .bool, .null: p.initialize(to: v)
    default: p.pointee = v
    }
}
