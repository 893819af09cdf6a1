/// Expressions, by precedence climbing over `Precedence` (`~x` and comprehensions are in ParserComprehensions.swift).
extension Parser {
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
