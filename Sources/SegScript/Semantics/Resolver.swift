/// Where a closure finds a captured variable when it is created: a cell of the enclosing
/// function's frame, or one of the enclosing function's own captures.
enum CaptureSource {
    case parentSlot(Int)
    case parentCapture(Int)
}

/// Resolution state of one function (or of a chunk's top level).
final class FunctionScope {
    let parent: FunctionScope?
    /// Declarations in the outermost block of a chunk are globals, not locals.
    let isChunk: Bool
    var blocks: [[String: Decl]] = []
    var slotCount = 0
    var decls: [Decl] = []
    var captures: [CaptureSource] = []
    private var captureIndexByDecl: [ObjectIdentifier: Int] = [:]

    init(parent: FunctionScope?, isChunk: Bool) {
        self.parent = parent
        self.isChunk = isChunk
    }

    /// True when the current block is the top level of a chunk, where names are globals.
    var atGlobalLevel: Bool { isChunk && blocks.count == 1 }

    func declare(_ name: String, isConst: Bool) -> Decl {
        let d = Decl(name: name, isConst: isConst, slot: slotCount, function: self)
        slotCount += 1
        decls.append(d)
        blocks[blocks.count - 1][name] = d
        return d
    }

    func lookupLocal(_ name: String) -> Decl? {
        for block in blocks.reversed() { if let d = block[name] { return d } }
        return nil
    }

    /// The capture index of `name` from enclosing functions, adding captures along the way.
    func capture(_ name: String) -> (Decl, Int)? {
        guard let parent = parent else { return nil }
        let decl: Decl
        let source: CaptureSource
        if let d = parent.lookupLocal(name) {
            d.captured = true
            decl = d
            source = .parentSlot(d.slot)
        } else if let (d, i) = parent.capture(name) {
            decl = d
            source = .parentCapture(i)
        } else {
            return nil
        }
        if let i = captureIndexByDecl[ObjectIdentifier(decl)] { return (decl, i) }
        captures.append(source)
        captureIndexByDecl[ObjectIdentifier(decl)] = captures.count - 1
        return (decl, captures.count - 1)
    }

    var needsCells: Bool { decls.contains { $0.captured } }
}

/// Binds every name to a local slot, a captured cell, or a global, before compilation.
struct Resolver {
    private var scope: FunctionScope

    /// Resolves a chunk; returns the scope of its top level.
    static func resolveChunk(_ block: Block) -> FunctionScope {
        let top = FunctionScope(parent: nil, isChunk: true)
        var r = Resolver(scope: top)
        r.scope.blocks.append([:])
        r.statements(block.statements)
        r.scope.blocks.removeLast()
        return top
    }

    private init(scope: FunctionScope) { self.scope = scope }

    private mutating func withBlock(_ body: (inout Resolver) -> Void) {
        scope.blocks.append([:])
        body(&self)
        scope.blocks.removeLast()
    }

    private mutating func declare(_ name: Name, isConst: Bool) {
        if scope.atGlobalLevel { return }
        name.decl = scope.declare(name.text, isConst: isConst)
    }

    private mutating func use(_ name: Name) {
        if let d = scope.lookupLocal(name.text) { name.decl = d; return }
        if let (d, i) = scope.capture(name.text) {
            name.decl = d
            name.captureIndex = i
        }
    }

    private mutating func statements(_ stmts: [Stmt]) {
        // Local functions are visible in the whole block so they can call each other.
        for s in stmts { if case .function(let name, _) = s.kind { declare(name, isConst: false) } }
        for s in stmts { statement(s) }
    }

    private mutating func block(_ b: Block) { withBlock { $0.statements(b.statements) } }

    private mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expr(let e): expr(e)
        case .declare(let isConst, let pattern, let value):
            expr(value)
            for n in pattern.names { declare(n, isConst: isConst) }
        case .function(_, let decl): function(decl)
        case .assign(let target, _, let value):
            expr(value)
            expr(target)
        case .returnValue(let e): if let e = e { expr(e) }
        case .breakLoop, .continueLoop: break
        case .whileLoop(let cond, let body):
            expr(cond)
            block(body)
        case .forLoop(let pattern, let seq, let body):
            expr(seq)
            withBlock { r in
                for n in pattern.names { n.decl = r.scope.declare(n.text, isConst: false) }
                r.block(body)
            }
        }
    }

    private mutating func function(_ decl: FunctionDecl) {
        let inner = FunctionScope(parent: scope, isChunk: false)
        decl.scope = inner
        let outer = scope
        scope = inner
        scope.blocks.append([:])
        for p in decl.params { p.name.decl = scope.declare(p.name.text, isConst: false) }
        for p in decl.params { if let d = p.defaultValue { expr(d) } }
        block(decl.body)
        scope.blocks.removeLast()
        scope = outer
    }

    private mutating func expr(_ e: Expr) {
        switch e.kind {
        case .name(let n): use(n)
        case .function(let decl): function(decl)
        case .ifElse(let cond, let then, let otherwise):
            expr(cond)
            block(then)
            if let o = otherwise { expr(o) }
        case .block(let b): block(b)
        case .tryCatch(let body, let binding, let handler):
            block(body)
            withBlock { r in
                if let n = binding { n.decl = r.scope.declare(n.text, isConst: false) }
                r.block(handler)
            }
        default: e.operands.forEach { expr($0) }
        }
    }
}
