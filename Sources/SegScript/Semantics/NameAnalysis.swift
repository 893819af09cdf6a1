/// The global names a chunk reads and writes, found statically, for the notebook cache.
public struct NameAccess: Equatable {
    /// Globals whose value from before the chunk may be used: every free name not defined earlier
    /// in the chunk's straight-line top level (built-in names included; intersect with your bindings).
    public var reads: Set<String> = []
    /// Globals the chunk may bind or change: top-level `let`/`var`/`fn`, assignments to globals
    /// anywhere (also inside functions), and element/member assignments `xs[0] = v`, `d.k = v`.
    public var writes: Set<String> = []
    /// The subset of `writes` that changes an existing value in place (`xs[0] = v`, `d.k = v`).
    /// Method calls that mutate (`xs.append(1)`) are not visible statically: they are reads, and
    /// the runtime version check reports them.
    public var mutations: Set<String> = []
    /// Names the chunk's top level declares with `let`, `var` or `fn`.
    public var definitions: Set<String> = []
}

extension Interpreter {
    /// Reads and writes of `source` (throws a `.syntax` error if it does not parse).
    public static func analyze(_ source: SourceFile) throws -> NameAccess {
        guard LargeStack.isCurrentThreadLarge else { return try LargeStack.run { try analyze(source) } }
        let (block, diagnostics) = Parser.parse(source)
        if !diagnostics.isEmpty { throw ScriptError(kind: .syntax, diagnostics: diagnostics) }
        _ = Resolver.resolveChunk(block)
        var walker = AccessWalker()
        walker.statements(block.statements, topLevel: true)
        return walker.access
    }
}

private struct AccessWalker {
    var access = NameAccess()
    /// Globals certainly bound by earlier top-level statements of this chunk.
    var defined: Set<String> = []

    static func isGlobal(_ n: Name) -> Bool { n.decl == nil && n.captureIndex == nil }

    mutating func read(_ n: Name) {
        if AccessWalker.isGlobal(n), !defined.contains(n.text) { access.reads.insert(n.text) }
    }

    mutating func statements(_ stmts: [Stmt], topLevel: Bool) {
        for s in stmts { statement(s, topLevel: topLevel) }
    }

    mutating func block(_ b: Block) { statements(b.statements, topLevel: false) }

    mutating func statement(_ s: Stmt, topLevel: Bool) {
        switch s.kind {
        case .expr(let e): expr(e)
        case .declare(_, let pattern, let value):
            expr(value)
            for n in pattern.names where AccessWalker.isGlobal(n) {
                access.writes.insert(n.text)
                access.definitions.insert(n.text)
                if topLevel { defined.insert(n.text) }
            }
        case .function(let name, let decl):
            // The body may read globals when called; they count as reads unless defined above.
            if AccessWalker.isGlobal(name) {
                access.writes.insert(name.text)
                access.definitions.insert(name.text)
                if topLevel { defined.insert(name.text) }
            }
            function(decl)
        case .assign(let target, let op, let value):
            expr(value)
            switch target.kind {
            case .name(let n):
                if op != nil { read(n) }
                if AccessWalker.isGlobal(n) {
                    access.writes.insert(n.text)
                    if topLevel && op == nil { defined.insert(n.text) }
                }
            case .index(let base, let items):
                indexItems(items)
                mutate(base)
            case .member(let base, _):
                mutate(base)
            default: expr(target)
            }
        case .returnValue(let e): if let e = e { expr(e) }
        case .breakLoop, .continueLoop: break
        case .whileLoop(let c, let b):
            expr(c)
            block(b)
        case .forLoop(_, let seq, let b):
            expr(seq)
            block(b)
        }
    }

    /// The root variable of `xs[i].k` is read and mutated.
    mutating func mutate(_ base: Expr) {
        switch base.kind {
        case .name(let n):
            read(n)
            if AccessWalker.isGlobal(n) {
                access.writes.insert(n.text)
                access.mutations.insert(n.text)
            }
        case .index(let b, let items):
            indexItems(items)
            mutate(b)
        case .member(let b, _): mutate(b)
        default: expr(base)
        }
    }

    mutating func indexItems(_ items: [IndexItem]) {
        for item in items { item.operands.forEach { expr($0) } }
    }

    mutating func function(_ decl: FunctionDecl) {
        for p in decl.params { if let d = p.defaultValue { expr(d) } }
        block(decl.body)
    }

    mutating func expr(_ e: Expr) {
        switch e.kind {
        case .name(let n): read(n)
        case .function(let decl): function(decl)
        case .ifElse(let c, let t, let o):
            expr(c)
            block(t)
            if let o = o { expr(o) }
        case .block(let b): block(b)
        case .tryCatch(let b, _, let h):
            block(b)
            block(h)
        default: e.operands.forEach { expr($0) }
        }
    }
}
