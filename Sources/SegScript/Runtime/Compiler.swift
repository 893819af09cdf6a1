/// Compiles resolved syntax trees to nested Swift closures. Locals live in numbered slots,
/// globals in cells fetched once at compile time, and Int/Float arithmetic runs inline.
final class Compiler {
    unowned let interpreter: Interpreter

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Compiles a chunk's top level as a function without parameters.
    func compileChunk(_ block: Block, scope: FunctionScope) -> FunctionInfo {
        FunctionInfo(name: "<top level>", paramNames: [], scope: scope, range: block.range, defaults: [], body: self.block(block))
    }

    static func error(_ message: String, _ range: SourceRange) -> ScriptError {
        ScriptError(kind: .runtime, diagnostics: [Diagnostic(message: message, range: range)])
    }

    // MARK: blocks and statements

    func block(_ b: Block) -> Code {
        let codes = ContiguousArray(b.statements.map { Operand.code(statement($0)) })
        var fresh: [Int] = []
        for s in b.statements {
            switch s.kind {
            case .declare(_, let pattern, _): for n in pattern.names { if let d = n.decl, d.captured { fresh.append(d.slot) } }
            case .function(let n, _): if let d = n.decl, d.captured { fresh.append(d.slot) }
            default: break
            }
        }
        if codes.isEmpty { return { _ in .null } }
        if codes.count == 1 && fresh.isEmpty, case .code(let only) = codes[0] { return only }
        if codes.count == 2 && fresh.isEmpty, case .code(let a) = codes[0], case .code(let b) = codes[1] {
            return { f in
                _ = try a(f)
                if f.interpreter.unwind != .none { return .null }
                return try b(f)
            }
        }
        return { f in
            // Captured locals get a fresh cell each time the block runs (each loop iteration).
            for s in fresh { f.cells[s] = CapturedVariable(.null) }
            var v = Value.null
            for c in codes {
                v = try c.load(f)
                if f.interpreter.unwind != .none { return v }
            }
            return v
        }
    }

    func statement(_ s: Stmt) -> Code {
        switch s.kind {
        case .expr(let e): return expr(e)
        case .declare(let isConst, let pattern, let value):
            let v = expr(value)
            if !pattern.isTuple {
                let store = declareStore(pattern.names[0], isConst: isConst)
                return { f in
                    try store(f, try v(f))
                    return .null
                }
            }
            let stores = pattern.names.map { declareStore($0, isConst: isConst) }
            let range = s.range
            return { f in
                let items = try Compiler.destructure(try v(f), stores.count, range)
                for (i, store) in stores.enumerated() { try store(f, items[i]) }
                return .null
            }
        case .function(let name, let decl):
            let make = function(decl)
            let store = declareStore(name, isConst: false, source: decl.range)
            return { f in
                try store(f, try make(f))
                return .null
            }
        case .assign(let target, let op, let value): return assignment(target, op, value, s.range)
        case .returnValue(let e):
            let v = e.map { expr($0) }
            return { f in
                let r = try v?(f) ?? .null
                f.interpreter.returnValue = r
                f.interpreter.unwind = .returning
                return .null
            }
        case .breakLoop:
            return { f in
                f.interpreter.unwind = .breakLoop
                return .null
            }
        case .continueLoop:
            return { f in
                f.interpreter.unwind = .continueLoop
                return .null
            }
        case .whileLoop(let cond, let body): return whileLoop(cond, body)
        case .forLoop(let pattern, let seq, let body): return forLoop(pattern, seq, body, s.range)
        }
    }

    static func destructure(_ v: Value, _ n: Int, _ range: SourceRange) throws -> [Value] {
        guard case .list(let l) = v else { throw error("cannot destructure a \(v.typeName) into \(n) names", range) }
        guard l.items.count == n else { throw error("cannot destructure a list of \(l.items.count) elements into \(n) names", range) }
        return l.items
    }

    /// How a declaration stores its value: a global cell at a chunk's top level, else a slot or cell.
    func declareStore(_ name: Name, isConst: Bool, source: SourceRange? = nil) -> (Frame, Value) throws -> Void {
        guard let d = name.decl else {
            let cell = interpreter.globalCell(name.text)
            let text = source.map { String(decoding: $0.file.bytes[$0.start..<$0.end], as: UTF8.self) }
            return { _, v in
                cell.value = v
                cell.isDefined = true
                cell.isConst = isConst
                cell.definingSource = text
            }
        }
        let slot = d.slot
        if d.captured {
            return { f, v in
                if let c = f.cells[slot] { c.value = v } else { f.cells[slot] = CapturedVariable(v) }
            }
        }
        return { f, v in f.slots[slot] = v }
    }

    // MARK: names

    func read(_ n: Name) -> Code {
        let range = n.range
        if let i = n.captureIndex { return { f in f.captures[i].value } }
        if let d = n.decl {
            let slot = d.slot
            if d.captured {
                return { f in
                    if let c = f.cells[slot] { return c.value }
                    throw Compiler.error("'\(n.text)' is used before it is defined", range)
                }
            }
            return { f in f.slots[slot] }
        }
        let cell = interpreter.globalCell(n.text)
        return { _ in
            if cell.isDefined { return cell.value }
            throw Compiler.error("unknown name '\(cell.name)'", range)
        }
    }

    /// Stores into an existing variable (assignment, not declaration).
    func write(_ n: Name) -> (Frame, Value) throws -> Void {
        let range = n.range
        if let d = n.decl, d.isConst {
            return { _, _ in throw Compiler.error("cannot assign to '\(n.text)': it is a constant (declared with let)", range) }
        }
        if let i = n.captureIndex { return { f, v in f.captures[i].value = v } }
        if let d = n.decl {
            let slot = d.slot
            if d.captured {
                return { f, v in
                    if let c = f.cells[slot] { c.value = v } else { f.cells[slot] = CapturedVariable(v) }
                }
            }
            return { f, v in f.slots[slot] = v }
        }
        let cell = interpreter.globalCell(n.text)
        return { _, v in
            guard cell.isDefined else {
                throw Compiler.error("unknown name '\(cell.name)' (declare it with var first)", range)
            }
            if cell.isConst { throw Compiler.error("cannot assign to '\(cell.name)': it is a constant (declared with let)", range) }
            cell.value = v
        }
    }

    // MARK: functions

    /// Code that creates a closure, capturing the cells it needs from the running frame.
    func function(_ decl: FunctionDecl) -> Code {
        guard let scope = decl.scope else { return { _ in .null } }
        let info = FunctionInfo(name: decl.name, paramNames: decl.params.map { $0.name.text }, scope: scope, range: decl.range,
                                defaults: decl.params.map { p in p.defaultValue.map { expr($0) } }, body: block(decl.body))
        let sources = info.captureSources
        if sources.isEmpty {
            return { _ in .function(Closure(info: info, captures: [])) }
        }
        return { f in
            var captures = ContiguousArray<CapturedVariable>()
            captures.reserveCapacity(sources.count)
            for s in sources {
                switch s {
                case .parentSlot(let i):
                    if let c = f.cells[i] { captures.append(c) } else {
                        let c = CapturedVariable(f.slots[i])
                        f.cells[i] = c
                        captures.append(c)
                    }
                case .parentCapture(let i): captures.append(f.captures[i])
                }
            }
            return .function(Closure(info: info, captures: captures))
        }
    }
}
