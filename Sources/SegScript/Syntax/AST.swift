/// A use or declaration of a name; the resolver fills in where it lives.
final class Name {
    let text: String
    let range: SourceRange
    /// The local declaration this refers to (nil: a global).
    var decl: Decl?
    /// Index into the running closure's captured cells when the declaration is in an enclosing function.
    var captureIndex: Int?

    init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A local variable: a slot in its function's frame, or a shared cell when a closure captures it.
final class Decl {
    let name: String
    let isConst: Bool
    let slot: Int
    unowned let function: FunctionScope
    var captured = false

    init(name: String, isConst: Bool, slot: Int, function: FunctionScope) {
        self.name = name
        self.isConst = isConst
        self.slot = slot
        self.function = function
    }
}

enum BinaryOp: String, CaseIterable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", matmul = "@", pow = "**"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    /// Element-wise logic on Bools and bool tensors, bitwise on Ints and int32 tensors.
    case bitOr = "|", bitXor = "^", bitAnd = "&"
}

/// An index inside `[...]`: a value, a slice `a:b:c`, or `...`.
enum IndexItem {
    case value(Expr)
    case slice(Expr?, Expr?, Expr?)
    case ellipsis
}

struct Argument {
    let label: String?
    let value: Expr
    let range: SourceRange
}

struct Parameter {
    let name: Name
    let defaultValue: Expr?
}

/// A function literal or declaration.
final class FunctionDecl {
    let name: String
    let params: [Parameter]
    let body: Block
    let range: SourceRange
    /// Filled by the resolver.
    var scope: FunctionScope?

    init(name: String, params: [Parameter], body: Block, range: SourceRange) {
        self.name = name
        self.params = params
        self.body = body
        self.range = range
    }
}

final class Block {
    let statements: [Stmt]
    let range: SourceRange
    /// Height of the deepest syntax tree inside, so the parser can refuse trees too deep to walk safely.
    let depth: Int
    /// Nesting as the reader sees it: like `depth`, but a left-associative chain counts once.
    let nesting: Int
    init(_ statements: [Stmt], _ range: SourceRange) {
        self.statements = statements
        self.range = range
        depth = statements.map(\.depth).max() ?? 0
        nesting = statements.map(\.nesting).max() ?? 0
    }
}

enum InterpolationPart {
    case text(String)
    case expr(Expr)
}

indirect enum ExprKind {
    case literal(Value)
    case interpolation([InterpolationPart])
    case name(Name)
    case list([Expr])
    case dict([(String, Expr)])
    case negate(Expr)
    /// `~x`: logical not of Bools and bool tensors, bitwise not of Ints and int32 tensors.
    case invert(Expr)
    case not(Expr)
    case binary(BinaryOp, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case range(Expr, Expr, inclusive: Bool)
    case pipe(Expr, Expr)
    case call(Expr, [Argument])
    case index(Expr, [IndexItem])
    case member(Expr, String)
    case function(FunctionDecl)
    case ifElse(Expr, Block, Expr?)
    case block(Block)
    case tryCatch(Block, Name?, Block)
    /// One step of a list comprehension: appends the element (second) to the accumulator list
    /// (first). Only the parser makes it; source has no syntax for it.
    case appendItem(Expr, Expr)
    /// A syntax error already reported; never compiled.
    case invalid
}

final class Expr {
    let kind: ExprKind
    let range: SourceRange
    /// 1 + the depth of the deepest child (blocks included): the height of the tree.
    let depth: Int
    /// Like `depth`, except that the left operand of a binary operator, call, index or member
    /// access adds nothing: `1 + 1 + ... + 1` and `x.f().g()...` are long, not nested.
    let nesting: Int
    init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        depth = 1 + Expr.childDepth(kind)
        nesting = Expr.nesting(kind)
    }

    private static func nesting(_ kind: ExprKind) -> Int {
        switch kind {
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b, _), .pipe(let a, let b),
             .appendItem(let a, let b):
            return max(a.nesting, 1 + b.nesting)
        case .member(let e, _): return e.nesting
        case .call(let c, let args): return max(c.nesting, 1 + (args.map(\.value.nesting).max() ?? 0))
        case .index(let b, let items):
            let inner = items.map { item -> Int in
                switch item {
                case .value(let e): return e.nesting
                case .slice(let x, let y, let z): return max(x?.nesting ?? 0, y?.nesting ?? 0, z?.nesting ?? 0)
                case .ellipsis: return 0
                }
            }.max() ?? 0
            return max(b.nesting, 1 + inner)
        case .literal, .name, .invalid: return 1
        case .interpolation(let parts): return 1 + (parts.map { if case .expr(let e) = $0 { return e.nesting }; return 0 }.max() ?? 0)
        case .list(let items): return 1 + (items.map(\.nesting).max() ?? 0)
        case .dict(let entries): return 1 + (entries.map(\.1.nesting).max() ?? 0)
        case .negate(let e), .invert(let e), .not(let e): return 1 + e.nesting
        case .function(let f): return 1 + max(f.body.nesting, f.params.map { $0.defaultValue?.nesting ?? 0 }.max() ?? 0)
        case .ifElse(let c, let t, let o): return 1 + max(c.nesting, t.nesting, o?.nesting ?? 0)
        case .block(let b): return 1 + b.nesting
        case .tryCatch(let b, _, let h): return 1 + max(b.nesting, h.nesting)
        }
    }

    private static func childDepth(_ kind: ExprKind) -> Int {
        func d(_ e: Expr?) -> Int { e?.depth ?? 0 }
        switch kind {
        case .literal, .name, .invalid: return 0
        case .interpolation(let parts): return parts.map { if case .expr(let e) = $0 { return e.depth }; return 0 }.max() ?? 0
        case .list(let items): return items.map(\.depth).max() ?? 0
        case .dict(let entries): return entries.map(\.1.depth).max() ?? 0
        case .negate(let e), .invert(let e), .not(let e), .member(let e, _): return e.depth
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b, _), .pipe(let a, let b),
             .appendItem(let a, let b):
            return max(a.depth, b.depth)
        case .call(let c, let args): return max(c.depth, args.map(\.value.depth).max() ?? 0)
        case .index(let b, let items):
            let inner = items.map { item -> Int in
                switch item {
                case .value(let e): return e.depth
                case .slice(let x, let y, let z): return max(d(x), d(y), d(z))
                case .ellipsis: return 0
                }
            }.max() ?? 0
            return max(b.depth, inner)
        case .function(let f): return max(f.body.depth, f.params.map { d($0.defaultValue) }.max() ?? 0)
        case .ifElse(let c, let t, let o): return max(c.depth, t.depth, d(o))
        case .block(let b): return b.depth
        case .tryCatch(let b, _, let h): return max(b.depth, h.depth)
        }
    }
}

/// The left side of `let`/`var`/`for`: one name or a 2-/3-element destructuring.
struct Pattern {
    let names: [Name]
    let isTuple: Bool
}

enum StmtKind {
    case expr(Expr)
    case declare(isConst: Bool, Pattern, Expr)
    case function(Name, FunctionDecl)
    case assign(Expr, BinaryOp?, Expr)
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
    case whileLoop(Expr, Block)
    case forLoop(Pattern, Expr, Block)
}

struct Stmt {
    let kind: StmtKind
    let range: SourceRange

    var depth: Int {
        switch kind {
        case .expr(let e), .declare(_, _, let e): return e.depth + 1
        case .function(_, let f): return max(f.body.depth, f.params.map { $0.defaultValue?.depth ?? 0 }.max() ?? 0) + 1
        case .assign(let t, _, let v): return max(t.depth, v.depth) + 1
        case .returnValue(let e): return (e?.depth ?? 0) + 1
        case .breakLoop, .continueLoop: return 1
        case .whileLoop(let c, let b), .forLoop(_, let c, let b): return max(c.depth, b.depth) + 1
        }
    }

    /// `depth` with `Expr.nesting` in place of the expressions' depths.
    var nesting: Int {
        switch kind {
        case .expr(let e), .declare(_, _, let e): return e.nesting + 1
        case .function(_, let f): return max(f.body.nesting, f.params.map { $0.defaultValue?.nesting ?? 0 }.max() ?? 0) + 1
        case .assign(let t, _, let v): return max(t.nesting, v.nesting) + 1
        case .returnValue(let e): return (e?.nesting ?? 0) + 1
        case .breakLoop, .continueLoop: return 1
        case .whileLoop(let c, let b), .forLoop(_, let c, let b): return max(c.nesting, b.nesting) + 1
        }
    }
}
