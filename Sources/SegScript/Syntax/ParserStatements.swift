/// Statements: the program, blocks, declarations, control flow and function definitions.
extension Parser {
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

    func statementRecovering() -> Stmt? {
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

    func statement() throws -> Stmt {
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

    func tokenAt(_ offset: Int) -> Token? { tokens.first { $0.start == offset } }

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
}
