/// `x = v`, `x op= v`, `xs[i] = v`, `d.k = v` and their compound forms.
extension Compiler {
    func assignment(_ target: Expr, _ op: BinaryOp?, _ value: Expr, _ range: SourceRange) -> Code {
        let v = expr(value)
        switch target.kind {
        case .name(let n):
            let store = write(n)
            guard let op = op else {
                return { f in
                    try store(f, try v(f))
                    return .null
                }
            }
            // `s += e` reuses the binary operator's fast paths on the current value.
            let combined = binary(op, target, value, range)
            return { f in
                try store(f, try combined(f))
                return .null
            }
        case .index(let base, let items):
            let b = expr(base)
            let idx = indexCodes(items)
            return { f in
                let container = try b(f)
                let indices = try idx(f)
                let interp = f.interpreter
                var newValue = try v(f)
                do {
                    if let op = op {
                        newValue = try Operators.apply(op, try interp.getIndex(container, indices), newValue, interp)
                    }
                    try interp.setIndex(container, indices, newValue)
                } catch { throw interp.locate(error, range) }
                return .null
            }
        case .member(let base, let name):
            let b = expr(base)
            return { f in
                let object = try b(f)
                let interp = f.interpreter
                var newValue = try v(f)
                do {
                    if let op = op {
                        newValue = try Operators.apply(op, try interp.getMember(object, name), newValue, interp)
                    }
                    try interp.setMember(object, name, newValue)
                } catch { throw interp.locate(error, range) }
                return .null
            }
        default:
            return { _ in throw Compiler.error("cannot assign to this expression", range) }
        }
    }
}
