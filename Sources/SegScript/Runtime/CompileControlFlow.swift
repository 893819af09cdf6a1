/// Loops, conditionals and try/catch.
extension Compiler {
    /// After a loop body: true to leave the loop (break or return), clearing break/continue.
    @inline(__always) static func leaveLoop(_ interpreter: Interpreter) -> Bool {
        switch interpreter.unwind {
        case .none: return false
        case .continueLoop:
            interpreter.unwind = .none
            return false
        case .breakLoop:
            interpreter.unwind = .none
            return true
        case .returning: return true
        }
    }

    func whileLoop(_ cond: Expr, _ body: Block) -> Code {
        let c = expr(cond)
        let b = block(body)
        let condRange = cond.range
        return { f in
            let interp = f.interpreter
            while try Compiler.truth(try c(f), f, condRange) {
                try interp.checkInterrupt()
                _ = try b(f)
                if Compiler.leaveLoop(interp) { break }
            }
            return .null
        }
    }

    /// Stores a loop variable: into its slot, or a fresh cell when a closure captures it.
    func loopStore(_ n: Name) -> (Frame, Value) -> Void {
        let slot = n.decl?.slot ?? 0
        if n.decl?.captured == true { return { f, v in f.cells[slot] = CapturedVariable(v) } }
        return { f, v in f.slots[slot] = v }
    }

    func forLoop(_ pattern: Pattern, _ seq: Expr, _ body: Block, _ range: SourceRange) -> Code {
        let b = block(body)
        let stores = pattern.names.map { loopStore($0) }
        let n = stores.count
        let tuple = pattern.isTuple
        let assign: (Frame, Value) throws -> Void = tuple
            ? { f, v in
                let items = try Compiler.destructure(v, n, range)
                for i in 0..<n { stores[i](f, items[i]) }
            }
            : stores[0]
        // `for i in a..<b` runs on a plain Int counter, without a range object.
        if !tuple, case .range(let lo, let hi, let inclusive) = seq.kind, let d = pattern.names[0].decl, !d.captured {
            let l = expr(lo), h = expr(hi), slot = d.slot
            let seqRange = seq.range
            return { f in
                guard case .int(let start) = try l(f), case .int(var end) = try h(f) else {
                    throw Compiler.error("range bounds must be Ints", seqRange)
                }
                if inclusive {
                    if end == Int.max { throw Compiler.error("range end too large", seqRange) }
                    end += 1
                }
                let interp = f.interpreter
                var i = start
                while i < end {
                    try interp.checkInterrupt()
                    storeValue(f.slots + slot, .int(i))
                    _ = try b(f)
                    if Compiler.leaveLoop(interp) { break }
                    i += 1
                }
                return .null
            }
        }
        let s = expr(seq)
        let seqRange = seq.range
        return { f in
            let interp = f.interpreter
            let value = try s(f)
            switch value {
            case .range(let r):
                let count = r.count
                var i = 0
                while i < count {
                    try interp.checkInterrupt()
                    try assign(f, .int(r.element(i)))
                    _ = try b(f)
                    if Compiler.leaveLoop(interp) { break }
                    i += 1
                }
            case .list(let l):
                // Reads the live list, so appending while iterating is seen (as in Python).
                var i = 0
                while i < l.items.count {
                    try interp.checkInterrupt()
                    try assign(f, l.items[i])
                    _ = try b(f)
                    if Compiler.leaveLoop(interp) { break }
                    i += 1
                }
            case .object(let o):
                let it: ScriptIterator
                do {
                    guard let made = try o.makeIterator(interp) else { throw ScriptError("a \(o.typeName) is not iterable") }
                    it = made
                } catch { throw interp.locate(error, seqRange) }
                while true {
                    try interp.checkInterrupt()
                    let next: Value?
                    do { next = try it.next(interp) } catch { throw interp.locate(error, seqRange) }
                    guard let v = next else { break }
                    try assign(f, v)
                    _ = try b(f)
                    if Compiler.leaveLoop(interp) { break }
                }
            default:
                let items: [Value]
                do { items = try interp.iterate(value) } catch { throw interp.locate(error, seqRange) }
                for v in items {
                    try interp.checkInterrupt()
                    try assign(f, v)
                    _ = try b(f)
                    if Compiler.leaveLoop(interp) { break }
                }
            }
            return .null
        }
    }

    func ifElse(_ cond: Expr, _ then: Block, _ otherwise: Expr?) -> Code {
        let t = block(then)
        // `if n < 2 { ... }`: compare inline instead of calling the condition's code and boxing a Bool.
        if case .binary(let op, let a, let b) = cond.kind, case .literal(.int(let k)) = b.kind,
           [BinaryOp.lt, .le, .gt, .ge, .eq, .ne].contains(op) {
            let lo = operand(a)
            let o = otherwise.map { expr($0) }
            let range = cond.range
            return { f in
                let x = try lo.load(f)
                let truth: Bool
                if case .int(let i) = x {
                    switch op {
                    case .lt: truth = i < k
                    case .le: truth = i <= k
                    case .gt: truth = i > k
                    case .ge: truth = i >= k
                    case .eq: truth = i == k
                    default: truth = i != k
                    }
                } else {
                    truth = try Compiler.truth(try Compiler.slow(op, x, .int(k), f, range), f, range)
                }
                if truth { return try t(f) }
                return try o?(f) ?? .null
            }
        }
        let c = expr(cond)
        let condRange = cond.range
        guard let o = otherwise.map({ expr($0) }) else {
            return { f in try Compiler.truth(try c(f), f, condRange) ? try t(f) : .null }
        }
        return { f in try Compiler.truth(try c(f), f, condRange) ? try t(f) : try o(f) }
    }

    func tryCatch(_ body: Block, _ binding: Name?, _ handler: Block) -> Code {
        let b = block(body)
        let h = block(handler)
        let store = binding.map { loopStore($0) }
        return { f in
            let interp = f.interpreter
            do {
                return try b(f)
            } catch let e as ScriptError where e.kind == .interrupted {
                throw e
            } catch {
                let e = error as? ScriptError ?? ScriptError(hostErrorMessage(error))
                interp.unwind = .none
                store?(f, .object(ErrorObject(e)))
                return try h(f)
            }
        }
    }
}

extension Interpreter {
    /// Gives an error without a place the place `range`; wraps host errors.
    func locate(_ error: Error, _ range: SourceRange) -> Error {
        guard var e = error as? ScriptError else {
            return ScriptError(kind: .runtime, diagnostics: [Diagnostic(message: hostErrorMessage(error), range: range)])
        }
        if e.diagnostics.count == 1, e.diagnostics[0].range == nil {
            e.diagnostics[0] = Diagnostic(message: e.diagnostics[0].message, range: range)
        }
        return e
    }

    /// Adds a call-stack entry to an error leaving a Seg function called at `site`.
    func trace(_ error: Error, function: String, site: SourceRange) -> Error {
        guard var e = locate(error, site) as? ScriptError else { return error }
        if e.kind == .runtime {
            if e.stack.count < 64 { e.stack.append(StackEntry(function: function, range: site)) } else { e.omittedStackEntries += 1 }
        }
        return e
    }

    /// The values of any iterable: lists, ranges, dict keys, string characters, native iterables.
    public func iterate(_ value: Value) throws -> [Value] {
        switch value {
        case .list(let l): return l.items
        case .range(let r):
            let n = r.count
            if n > 100_000_000 { throw ScriptError("range of \(n) elements is too large to materialize") }
            return (0..<n).map { .int(r.element($0)) }
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s): return s.map { .string(String($0)) }
        case .object(let o):
            guard let it = try o.makeIterator(self) else { throw ScriptError("a \(o.typeName) is not iterable") }
            var out: [Value] = []
            while let v = try it.next(self) {
                try checkInterrupt()
                out.append(v)
            }
            return out
        default: throw ScriptError("a \(value.typeName) is not iterable")
        }
    }
}
