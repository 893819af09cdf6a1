/// `x[i] = v` and `x[i] op= v`. A container with value semantics (a tensor) is changed through
/// its variable only: in place when the variable holds the only reference, else as a copy that
/// the variable then holds, so no other name sees the change (as Swift arrays).
extension Compiler {
    func indexAssignment(_ base: Expr, _ items: [IndexItem], _ op: BinaryOp?, _ value: Expr, _ range: SourceRange) -> Code {
        let v = expr(value)
        let idx = indexCodes(items)
        if case .name(let n) = base.kind {
            let read = self.read(n)
            let variable = self.variable(n)
            return { f in
                let interp = f.interpreter
                // Indices and value first: they may read the variable, which is empty while it is written.
                let indices = try idx(f)
                var newValue = try v(f)
                if let op {
                    let current = try read(f)
                    do { newValue = try Operators.apply(op, try interp.getIndex(current, indices), newValue, interp) } catch {
                        throw interp.locate(error, range)
                    }
                }
                var container = try variable.take(f)
                let unique = Compiler.isUniquelyReferenced(&container)
                do {
                    if case .object(let o) = container, o.hasValueSemantics, variable.isConst(f) {
                        throw ScriptError("cannot assign into '\(n.text)': it is a constant (declared with let); declare it with var to change it")
                    }
                    let updated = try interp.updatingIndex(container, indices, newValue, unique: unique)
                    variable.put(f, updated ?? container)
                } catch {
                    variable.put(f, container)
                    throw interp.locate(error, range)
                }
                return .null
            }
        }
        let b = expr(base)
        let writeBack = storeAgain(base)
        return { f in
            let container = try b(f)
            let indices = try idx(f)
            let interp = f.interpreter
            var newValue = try v(f)
            do {
                if let op {
                    newValue = try Operators.apply(op, try interp.getIndex(container, indices), newValue, interp)
                }
                if let updated = try interp.updatingIndex(container, indices, newValue, unique: false) { try writeBack(f, updated) }
            } catch { throw interp.locate(error, range) }
            return .null
        }
    }

    /// Stores a changed element back where it came from (`d.image[mask] = 0` stores the new
    /// tensor under `d.image`); the target's own expressions are evaluated again.
    func storeAgain(_ target: Expr) -> (Frame, Value) throws -> Void {
        switch target.kind {
        case .name(let n): return write(n)
        case .index(let base, let items):
            let b = expr(base), idx = indexCodes(items), back = storeAgain(base)
            return { f, v in
                let container = try b(f)
                if let updated = try f.interpreter.updatingIndex(container, try idx(f), v, unique: false) { try back(f, updated) }
            }
        case .member(let base, let name):
            let b = expr(base)
            return { f, v in try f.interpreter.setMember(try b(f), name, v) }
        default:
            return { _, _ in }   // a temporary: nothing else holds the changed value
        }
    }

    /// Whether `v` is an object nothing but `v` refers to (so it may be written in place).
    static func isUniquelyReferenced(_ v: inout Value) -> Bool {
        guard case .object(var o) = v else { return false }
        v = .null
        defer { v = .object(o) }
        return uniquelyReferenced(&o)
    }

    private static func uniquelyReferenced<T: ScriptObject>(_ o: inout T) -> Bool { isKnownUniquelyReferenced(&o) }

    /// A variable's value taken out (leaving nil, so its reference count shows other holders)
    /// and put back, and whether it is a constant.
    struct Variable {
        let take: (Frame) throws -> Value
        let put: (Frame, Value) -> Void
        let isConst: (Frame) -> Bool
    }

    func variable(_ n: Name) -> Variable {
        let range = n.range
        if let i = n.captureIndex {
            let constant = n.decl?.isConst ?? false
            return Variable(take: { f in
                let cell = f.captures[i]
                let v = cell.value
                cell.value = .null
                return v
            }, put: { f, v in f.captures[i].value = v }, isConst: { _ in constant })
        }
        if let d = n.decl {
            let slot = d.slot, constant = d.isConst
            if d.captured {
                return Variable(take: { f in
                    guard let cell = f.cells[slot] else { throw Compiler.error("'\(n.text)' is used before it is defined", range) }
                    let v = cell.value
                    cell.value = .null
                    return v
                }, put: { f, v in f.cells[slot]?.value = v }, isConst: { _ in constant })
            }
            return Variable(take: { f in
                let v = f.slots[slot]
                f.slots[slot] = .null
                return v
            }, put: { f, v in f.slots[slot] = v }, isConst: { _ in constant })
        }
        let cell = interpreter.globalCell(n.text)
        return Variable(take: { _ in
            guard cell.isDefined else { throw Compiler.error("unknown name '\(cell.name)'", range) }
            let v = cell.value
            cell.value = .null
            return v
        }, put: { _, v in cell.value = v }, isConst: { _ in cell.isConst })
    }
}
