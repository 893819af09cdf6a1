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
            let rhs = operand(value)
            if n.decl == nil && n.captureIndex == nil {
                let cell = interpreter.globalCell(n.text)
                let nameRange = n.range
                return { f in
                    guard cell.isDefined else { throw Compiler.error("unknown name '\(cell.name)'", nameRange) }
                    if cell.isConst { throw Compiler.error("cannot assign to '\(cell.name)': it is a constant (declared with let)", nameRange) }
                    let y = try rhs.load(f)
                    if let r = Compiler.fastArith(op, cell.value, y) {
                        withUnsafeMutablePointer(to: &cell.value) { storeValue($0, r) }
                    } else {
                        cell.value = try Compiler.slow(op, cell.value, y, f, range)
                    }
                    return .null
                }
            }
            if n.captureIndex == nil, let d = n.decl, !d.captured, !d.isConst {
                let slot = d.slot
                return { f in
                    let y = try rhs.load(f)
                    if let r = Compiler.fastArith(op, f.slots[slot], y) { storeValue(f.slots + slot, r) } else {
                        f.slots[slot] = try Compiler.slow(op, f.slots[slot], y, f, range)
                    }
                    return .null
                }
            }
            // Other targets reuse the binary operator's fast paths on the current value.
            let combined = binary(op, target, value, range)
            return { f in
                try store(f, try combined(f))
                return .null
            }
        case .index(let base, let items): return indexAssignment(base, items, op, value, range)
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

extension Compiler {
    /// Int and Float `+ - *` without overflow; nil when the slow path must decide.
    @inline(__always) static func fastArith(_ op: BinaryOp, _ x: Value, _ y: Value) -> Value? {
        switch (x, y) {
        case (.int(let a), .int(let b)):
            switch op {
            case .add:
                let (r, o) = a.addingReportingOverflow(b)
                return o ? nil : .int(r)
            case .sub:
                let (r, o) = a.subtractingReportingOverflow(b)
                return o ? nil : .int(r)
            case .mul:
                let (r, o) = a.multipliedReportingOverflow(by: b)
                return o ? nil : .int(r)
            default: return nil
            }
        case (.float(let a), .float(let b)):
            switch op {
            case .add: return .float(a + b)
            case .sub: return .float(a - b)
            case .mul: return .float(a * b)
            default: return nil
            }
        default: return nil
        }
    }
}
