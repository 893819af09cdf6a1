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
    init(_ statements: [Stmt], _ range: SourceRange) {
        self.statements = statements
        self.range = range
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
    /// A syntax error already reported; never compiled.
    case invalid
}

final class Expr {
    let kind: ExprKind
    let range: SourceRange
    init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
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
}
