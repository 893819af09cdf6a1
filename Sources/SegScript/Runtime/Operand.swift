/// How an operand is fetched: directly from a local slot or a constant, or by running code.
/// Switching on this inside a compiled closure is cheaper than one more indirect call.
enum Operand {
    case slot(Int)
    case constant(Value)
    case code(Code)

    @inline(__always) func load(_ f: Frame) throws -> Value {
        switch self {
        case .slot(let s): return f.slots[s]
        case .constant(let v): return v
        case .code(let c): return try c(f)
        }
    }
}

extension Compiler {
    func operand(_ e: Expr) -> Operand {
        switch e.kind {
        case .literal(let v): return .constant(v)
        case .name(let n):
            if n.captureIndex == nil, let d = n.decl, !d.captured { return .slot(d.slot) }
        default: break
        }
        return .code(expr(e))
    }
}
