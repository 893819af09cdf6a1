/// Thrown inside the parser to abandon the current statement; the diagnostic is already recorded.
struct ParseAbort: Error {}

/// A Pratt parser with panic-mode recovery: a syntax error is recorded, the parser skips to the
/// next statement, and goes on, so one parse reports every error it can.
final class Parser {
    let file: SourceFile
    private(set) var tokens: [Token]
    var pos = 0
    var diagnostics: [Diagnostic] = []
    /// Deepest nesting (`Expr.nesting`) a program may have.
    static let maxDepth = 1000
    /// Tallest syntax tree (long chains included) the resolver, compiler and evaluator are asked
    /// to walk recursively; they run on `LargeStack`, which has room for it.
    static let maxHeight = 100_000
    /// Nesting of expressions and blocks; bounded so a pathological input cannot exhaust the stack.
    var nesting: Int
    /// Loops around the current point within the current function (break/continue need one).
    var loopDepth = 0
    /// Functions around the current point (return needs one).
    var functionDepth = 0

    init(file: SourceFile, tokens: [Token]? = nil, nesting: Int = 0) {
        self.file = file
        self.nesting = nesting
        self.tokens = tokens ?? Lexer.tokenize(file)
        // Lexical errors are reported once here; the parser then treats those tokens as silent failures.
        for t in self.tokens { if case .invalid(let message) = t.kind { diagnostics.append(Diagnostic(message: message, range: SourceRange(file, t.start, t.end))) } }
    }

    /// Parses a whole file; `diagnostics` lists every syntax error.
    static func parse(_ file: SourceFile) -> (Block, [Diagnostic]) {
        let parser = Parser(file: file)
        let block = parser.program()
        let sorted = parser.diagnostics.enumerated().sorted {
            ($0.element.range?.start ?? 0, $0.offset) < ($1.element.range?.start ?? 0, $1.offset)
        }.map(\.element)
        return (block, sorted)
    }

    // MARK: tokens

    var current: Token { tokens[pos] }
    var kind: TokenKind { tokens[pos].kind }

    func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    func check(_ s: Symbol) -> Bool { if case .symbol(s) = kind { return true }; return false }
    func check(_ k: Keyword) -> Bool { if case .keyword(k) = kind { return true }; return false }
    var atNewline: Bool { if case .newline = kind { return true }; return false }
    var atEnd: Bool { if case .eof = kind { return true }; return false }

    func match(_ s: Symbol) -> Bool { if check(s) { _ = advance(); return true }; return false }

    func skipNewlines() { while atNewline { _ = advance() } }

    func range(_ t: Token) -> SourceRange { SourceRange(file, t.start, t.end) }
    func range(from start: Int) -> SourceRange { SourceRange(file, start, tokens[max(0, pos - 1)].end) }

    /// Records an error at the current token and aborts the statement.
    func fail(_ message: String, at token: Token? = nil) -> ParseAbort {
        let t = token ?? current
        if case .invalid = t.kind { return ParseAbort() }
        diagnostics.append(Diagnostic(message: message, range: range(t)))
        return ParseAbort()
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .int, .float: return "number"
        case .string, .interpolated: return "string"
        case .identifier(let n): return "'\(n)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        case .invalid: return "invalid token"
        }
    }

    @discardableResult
    func expect(_ s: Symbol, _ context: String) throws -> Token {
        if check(s) { return advance() }
        throw fail("expected '\(s.rawValue)' \(context), found \(describe(current))")
    }

    func identifier(_ context: String) throws -> Name {
        if case .identifier(let n) = kind { let t = advance(); return Name(n, range(t)) }
        throw fail("expected a name \(context), found \(describe(current))")
    }

    /// Skips to the start of the next statement: past a newline, or up to a `}` closing the enclosing block.
    func synchronize() {
        var depth = 0
        while !atEnd {
            switch kind {
            case .newline where depth == 0: _ = advance(); return
            case .symbol(.lbrace): depth += 1
            case .symbol(.rbrace):
                if depth == 0 { return }
                depth -= 1
            default: break
            }
            _ = advance()
        }
    }
}
