/// Thrown inside the parser to abandon the current statement; the diagnostic is already recorded.
struct ParseAbort: Error {}

/// A Pratt parser with panic-mode recovery: a syntax error is recorded, the parser skips to the
/// next statement, and goes on, so one parse reports every error it can.
final class Parser {
    let file: SourceFile
    private var tokens: [Token]
    private var pos = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// Deepest nesting (`Expr.nesting`) a program may have.
    static let maxDepth = 1000
    /// Tallest syntax tree (long chains included) the resolver, compiler and evaluator are asked
    /// to walk recursively; they run on `LargeStack`, which has room for it.
    static let maxHeight = 100_000
    /// Nesting of expressions and blocks; bounded so a pathological input cannot exhaust the stack.
    var nesting: Int
    /// Loops around the current point within the current function (break/continue need one).
    private var loopDepth = 0
    /// Functions around the current point (return needs one).
    private var functionDepth = 0

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
    private var kind: TokenKind { tokens[pos].kind }

    func advance() -> Token {
        let t = tokens[pos]
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    func check(_ s: Symbol) -> Bool { if case .symbol(s) = kind { return true }; return false }
    func check(_ k: Keyword) -> Bool { if case .keyword(k) = kind { return true }; return false }
    private var atNewline: Bool { if case .newline = kind { return true }; return false }
    private var atEnd: Bool { if case .eof = kind { return true }; return false }

    func match(_ s: Symbol) -> Bool { if check(s) { _ = advance(); return true }; return false }

    private func skipNewlines() { while atNewline { _ = advance() } }

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

    private func identifier(_ context: String) throws -> Name {
        if case .identifier(let n) = kind { let t = advance(); return Name(n, range(t)) }
        throw fail("expected a name \(context), found \(describe(current))")
    }

    /// Skips to the start of the next statement: past a newline, or up to a `}` closing the enclosing block.
    private func synchronize() {
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

    // MARK: statements

    func program() -> Block {
        let start = current.start
        var statements: [Stmt] = []
        skipNewlines()
        while !atEnd {
            if check(.rbrace) {
                _ = fail("unexpected '}'")
                _ = advance()
                skipNewlines()
                continue
            }
            if let s = statementRecovering() { statements.append(s) }
            skipNewlines()
        }
        return Block(statements, SourceRange(file, start, file.bytes.count))
    }

    private func statementRecovering() -> Stmt? {
        do {
            let s = try statement()
            if !atNewline && !atEnd && !check(.rbrace) {
                throw fail("expected end of statement, found \(describe(current))")
            }
            return s
        } catch {
            synchronize()
            return nil
        }
    }

    func block(_ context: String) throws -> Block {
        let open = try expect(.lbrace, context)
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 200 { throw fail("blocks nested too deeply", at: open) }
        var statements: [Stmt] = []
        skipNewlines()
        while !check(.rbrace) {
            if atEnd { throw fail("expected '}' to close the block opened at line \(range(open).line)") }
            if let s = statementRecovering() { statements.append(s) }
            skipNewlines()
        }
        let close = advance()
        let block = Block(statements, SourceRange(file, open.start, close.end))
        if block.nesting > Parser.maxDepth { throw fail("block nested too deeply (more than \(Parser.maxDepth) levels)", at: open) }
        if block.depth > Parser.maxHeight { throw fail("block too long to compile (a syntax tree more than \(Parser.maxHeight) levels high)", at: open) }
        return block
    }

    private func statement() throws -> Stmt {
        let start = current
        switch kind {
        case .keyword(.let), .keyword(.var):
            let isConst = check(.let)
            _ = advance()
            let pattern = try self.pattern()
            try expect(.assign, "after the name in a declaration")
            let value = try expression()
            return Stmt(kind: .declare(isConst: isConst, pattern, value), range: range(from: start.start))
        case .keyword(.fn):
            if case .identifier = tokens[min(pos + 1, tokens.count - 1)].kind {
                _ = advance()
                let name = try identifier("after 'fn'")
                let decl = try functionRest(name: name.text, start: start.start)
                return Stmt(kind: .function(name, decl), range: range(from: start.start))
            }
        case .keyword(.return):
            if functionDepth == 0 { throw fail("'return' outside a function") }
            _ = advance()
            if atNewline || atEnd || check(.rbrace) { return Stmt(kind: .returnValue(nil), range: range(start)) }
            let value = try expression()
            return Stmt(kind: .returnValue(value), range: range(from: start.start))
        case .keyword(.break):
            if loopDepth == 0 { throw fail("'break' outside a loop") }
            _ = advance()
            return Stmt(kind: .breakLoop, range: range(start))
        case .keyword(.continue):
            if loopDepth == 0 { throw fail("'continue' outside a loop") }
            _ = advance()
            return Stmt(kind: .continueLoop, range: range(start))
        case .keyword(.while):
            _ = advance()
            let cond = try expression()
            loopDepth += 1
            defer { loopDepth -= 1 }
            let body = try block("after the condition of 'while'")
            return Stmt(kind: .whileLoop(cond, body), range: range(from: start.start))
        case .keyword(.for):
            _ = advance()
            let pattern = try self.pattern()
            guard check(.in) else { throw fail("expected 'in' after the loop variable, found \(describe(current))") }
            _ = advance()
            let sequence = try expression()
            loopDepth += 1
            defer { loopDepth -= 1 }
            let body = try block("after the sequence of 'for'")
            return Stmt(kind: .forLoop(pattern, sequence, body), range: range(from: start.start))
        default: break
        }
        let target = try expression()
        let ops: [Symbol: BinaryOp?] = [.assign: nil, .plusAssign: .add, .minusAssign: .sub, .starAssign: .mul, .slashAssign: .div]
        if case .symbol(let s) = kind, let op = ops[s] {
            let opToken = advance()
            switch target.kind {
            case .name, .index, .member: break
            default: throw fail("cannot assign to this expression", at: tokenAt(target.range.start) ?? opToken)
            }
            let value = try expression()
            return Stmt(kind: .assign(target, op, value), range: range(from: start.start))
        }
        return Stmt(kind: .expr(target), range: target.range)
    }

    private func tokenAt(_ offset: Int) -> Token? { tokens.first { $0.start == offset } }

    func pattern() throws -> Pattern {
        if match(.lparen) {
            var names = [try identifier("in the destructuring pattern")]
            while match(.comma) { names.append(try identifier("in the destructuring pattern")) }
            try expect(.rparen, "to close the destructuring pattern")
            if names.count < 2 || names.count > 3 { throw fail("destructuring takes 2 or 3 names, not \(names.count)", at: tokens[pos - 1]) }
            return Pattern(names: names, isTuple: true)
        }
        return Pattern(names: [try identifier("to declare")], isTuple: false)
    }

    func functionRest(name: String, start: Int) throws -> FunctionDecl {
        try expect(.lparen, "to start the parameter list")
        var params: [Parameter] = []
        var seen = Set<String>()
        while !check(.rparen) {
            let p = try identifier("for a parameter")
            if !seen.insert(p.text).inserted { throw fail("duplicate parameter '\(p.text)'", at: tokens[pos - 1]) }
            var def: Expr?
            if match(.assign) { def = try expression() } else if params.last?.defaultValue != nil {
                throw fail("parameter '\(p.text)' without a default follows one with a default", at: tokens[pos - 1])
            }
            params.append(Parameter(name: p, defaultValue: def))
            if !match(.comma) { break }
        }
        try expect(.rparen, "to close the parameter list")
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        let body = try block("for the function body")
        return FunctionDecl(name: name, params: params, body: body, range: range(from: start))
    }

    // MARK: expressions

    func expression(_ minimum: Precedence = .pipe) throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 200 { throw fail("expression nested too deeply") }
        let token = current
        guard let prefix = Parser.rules[RuleKey(token.kind)]?.prefix else {
            throw fail("expected an expression, found \(describe(token))")
        }
        var left = try prefix(self)
        while true {
            // A line starting with `.` or `|>` continues the expression above (method chains, pipes).
            if atNewline, pos + 1 < tokens.count, case .symbol(let s) = tokens[pos + 1].kind, s == .dot || s == .pipe {
                pos += 1
            }
            guard let rule = Parser.rules[RuleKey(kind)], let infix = rule.infix, rule.precedence >= minimum else { break }
            left = try infix(self, left)
            if left.nesting > Parser.maxDepth { throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)") }
            if left.depth > Parser.maxHeight { throw fail("expression too long (a chain of more than \(Parser.maxHeight) operations)") }
        }
        return left
    }

    func literal() throws -> Expr {
        let t = advance()
        let value: Value
        switch t.kind {
        case .int(let v): value = .int(v)
        case .float(let v): value = .float(v)
        case .string(let s): value = .string(s)
        case .keyword(.true): value = .bool(true)
        case .keyword(.false): value = .bool(false)
        default: value = .null
        }
        return Expr(.literal(value), range(t))
    }

    func interpolation() throws -> Expr {
        let t = advance()
        guard case .interpolated(let pieces) = t.kind else { throw fail("expected a string", at: t) }
        var parts: [InterpolationPart] = []
        for piece in pieces {
            switch piece {
            case .text(let s): parts.append(.text(s))
            case .code(let start, let end):
                var sub = Lexer.tokenize(file, from: start, to: end).filter { $0.kind != .newline }
                sub.append(Token(kind: .eof, start: end, end: end))
                let inner = Parser(file: file, tokens: sub, nesting: nesting + 10)
                if inner.diagnostics.isEmpty, let e = try? inner.expression(), inner.atEnd, inner.diagnostics.isEmpty {
                    parts.append(.expr(e))
                } else {
                    diagnostics.append(contentsOf: inner.diagnostics)
                    if inner.diagnostics.isEmpty {
                        diagnostics.append(Diagnostic(message: "malformed expression in string interpolation", range: SourceRange(file, start, end)))
                    }
                    throw ParseAbort()
                }
            }
        }
        return Expr(.interpolation(parts), range(t))
    }

    func name() throws -> Expr {
        let t = advance()
        guard case .identifier(let n) = t.kind else { throw fail("expected a name", at: t) }
        return Expr(.name(Name(n, range(t))), range(t))
    }

    func group() throws -> Expr {
        _ = advance()
        let e = try expression()
        try expect(.rparen, "to close '('")
        return e
    }

    func list() throws -> Expr {
        let open = advance()
        var items: [Expr] = []
        while !check(.rbracket) {
            items.append(try expression())
            if items.count == 1, check(.for) { return try comprehension(items[0], open: open) }
            if !match(.comma) { break }
        }
        try expect(.rbracket, "to close the list")
        return Expr(.list(items), range(from: open.start))
    }

    func dict() throws -> Expr {
        let open = advance()
        var entries: [(String, Expr)] = []
        skipNewlines()
        while !check(.rbrace) {
            let key: String
            switch kind {
            case .identifier(let n): key = n
            case .string(let s): key = s
            case .keyword(let k): key = k.rawValue
            default: throw fail("expected a key (a name or a string) in the dict, found \(describe(current))")
            }
            _ = advance()
            try expect(.colon, "after the dict key")
            skipNewlines()
            entries.append((key, try expression()))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        skipNewlines()
        try expect(.rbrace, "to close the dict")
        return Expr(.dict(entries), range(from: open.start))
    }

    func negate() throws -> Expr {
        let t = advance()
        let operand = try expression(.unary)
        if case .literal(.int(let v)) = operand.kind { return Expr(.literal(.int(-v)), range(from: t.start)) }
        if case .literal(.float(let v)) = operand.kind { return Expr(.literal(.float(-v)), range(from: t.start)) }
        return Expr(.negate(operand), range(from: t.start))
    }

    func not() throws -> Expr {
        let t = advance()
        let operand = try expression(.not)
        return Expr(.not(operand), range(from: t.start))
    }

    func logical(_ left: Expr) throws -> Expr {
        let t = advance()
        let isAnd = t.kind == .keyword(.and)
        let right = try expression(isAnd ? Precedence.and.next : Precedence.or.next)
        return Expr(isAnd ? .and(left, right) : .or(left, right), left.range.to(right.range))
    }

    func binary(_ left: Expr) throws -> Expr {
        let t = advance()
        guard case .symbol(let s) = t.kind, let rule = Parser.rules[.symbol(s)] else { throw fail("unexpected operator", at: t) }
        // `**` is right-associative and its right side may be negative: `2 ** -1`.
        let right = try expression(s == .starStar ? .unary : rule.precedence.next)
        let r = left.range.to(right.range)
        switch s {
        case .pipe: return Expr(.pipe(left, right), r)
        case .halfOpen: return Expr(.range(left, right, inclusive: false), r)
        case .ellipsis: return Expr(.range(left, right, inclusive: true), r)
        default:
            guard let op = BinaryOp(rawValue: s.rawValue) else { throw fail("unexpected operator", at: t) }
            return Expr(.binary(op, left, right), r)
        }
    }

    func call(_ callee: Expr) throws -> Expr {
        _ = advance()
        var args: [Argument] = []
        var sawLabel = false
        while !check(.rparen) {
            let start = current
            var label: String?
            if case .identifier(let n) = kind, pos + 1 < tokens.count, tokens[pos + 1].kind == .symbol(.colon) {
                label = n
                pos += 2
                sawLabel = true
            } else if sawLabel {
                throw fail("positional argument after a keyword argument")
            }
            let value = try expression()
            args.append(Argument(label: label, value: value, range: range(from: start.start)))
            if !match(.comma) { break }
        }
        try expect(.rparen, "to close the argument list")
        return Expr(.call(callee, args), range(from: callee.range.start))
    }

    func index(_ base: Expr) throws -> Expr {
        _ = advance()
        var items: [IndexItem] = []
        repeat {
            if check(.ellipsis) { _ = advance(); items.append(.ellipsis); continue }
            var parts: [Expr?] = [nil]
            var colons = 0
            if !check(.colon) { parts[0] = try expression() }
            while check(.colon), colons < 2 {
                _ = advance()
                colons += 1
                parts.append(check(.colon) || check(.comma) || check(.rbracket) ? nil : try expression())
            }
            if colons == 0, let e = parts[0] { items.append(.value(e)) } else {
                while parts.count < 3 { parts.append(nil) }
                items.append(.slice(parts[0], parts[1], parts[2]))
            }
        } while match(.comma)
        try expect(.rbracket, "to close the index")
        return Expr(.index(base, items), range(from: base.range.start))
    }

    func member(_ base: Expr) throws -> Expr {
        _ = advance()
        let t = current
        let n: String
        switch kind {
        case .identifier(let s): n = s
        case .keyword(let k): n = k.rawValue
        default: throw fail("expected a member name after '.', found \(describe(current))")
        }
        _ = advance()
        return Expr(.member(base, n), base.range.to(range(t)))
    }

    func functionLiteral() throws -> Expr {
        let t = advance()
        let decl = try functionRest(name: "<anonymous fn>", start: t.start)
        return Expr(.function(decl), decl.range)
    }

    func ifExpression() throws -> Expr {
        let t = advance()
        let cond = try expression()
        let then = try block("after the condition of 'if'")
        var otherwise: Expr?
        // `else` may sit on the line after the closing brace.
        if atNewline, pos + 1 < tokens.count, tokens[pos + 1].kind == .keyword(.else) { pos += 1 }
        if check(.else) {
            _ = advance()
            if check(.if) { otherwise = try ifExpression() } else {
                let b = try block("after 'else'")
                otherwise = Expr(.block(b), b.range)
            }
        }
        return Expr(.ifElse(cond, then, otherwise), range(from: t.start))
    }

    func tryExpression() throws -> Expr {
        let t = advance()
        let body = try block("after 'try'")
        if atNewline, pos + 1 < tokens.count, tokens[pos + 1].kind == .keyword(.catch) { pos += 1 }
        guard check(.catch) else { throw fail("expected 'catch' after the 'try' block, found \(describe(current))") }
        _ = advance()
        var binding: Name?
        if case .identifier = kind { binding = try identifier("after 'catch'") }
        let handler = try block("after 'catch'")
        return Expr(.tryCatch(body, binding, handler), range(from: t.start))
    }
}
