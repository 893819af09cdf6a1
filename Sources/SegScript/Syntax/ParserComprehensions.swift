/// The operators and forms added to the expression grammar: `~x` and list comprehensions.
extension Parser {
    func invert() throws -> Expr {
        let t = advance()
        let operand = try expression(.unary)
        return Expr(.invert(operand), range(from: t.start))
    }

    /// `[element for pattern in sequence if condition]`, after `[element` has been read.
    ///
    /// It becomes the block `{ var $list = []; for pattern in sequence { if condition {
    /// $list.append(element) } }; $list }`, so its loop variables stay inside it, except that the
    /// append is `.appendItem`, a direct append with no method lookup: a comprehension costs less
    /// than the loop a user would write. `$` cannot start a name in source, so the
    /// accumulator never clashes with the program's own names.
    func comprehension(_ element: Expr, open: Token) throws -> Expr {
        _ = advance()   // `for`
        let pattern = try self.pattern()
        guard check(.in) else { throw fail("expected 'in' after the comprehension variable, found \(describe(current))") }
        _ = advance()
        let sequence = try expression()
        var condition: Expr?
        if check(.if) {
            _ = advance()
            condition = try expression()
        }
        try expect(.rbracket, "to close the list comprehension")
        let whole = range(from: open.start)
        let accumulator = "$list\(nesting)"
        func name() -> Expr { Expr(.name(Name(accumulator, whole)), whole) }
        let append = Expr(.appendItem(name(), element), element.range)
        var body = Stmt(kind: .expr(append), range: element.range)
        if let condition {
            let guarded = Expr(.ifElse(condition, Block([body], element.range), nil), condition.range.to(element.range))
            body = Stmt(kind: .expr(guarded), range: guarded.range)
        }
        let statements = [
            Stmt(kind: .declare(isConst: false, Pattern(names: [Name(accumulator, whole)], isTuple: false), Expr(.list([]), whole)), range: whole),
            Stmt(kind: .forLoop(pattern, sequence, Block([body], whole)), range: whole),
            Stmt(kind: .expr(name()), range: whole),
        ]
        let block = Block(statements, whole)
        if block.depth > Parser.maxDepth { throw fail("expression nested too deeply (more than \(Parser.maxDepth) levels)", at: open) }
        return Expr(.block(block), whole)
    }
}
