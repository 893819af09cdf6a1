/// Binding power, lowest first, in the order docs/language.md ("Operators and precedence") lists the operators.
enum Precedence: Int, Comparable {
    case none, pipe, or, and, not, bitOr, bitXor, bitAnd, comparison, range, term, factor, unary, power, postfix

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .postfix }
}

/// One row of the Pratt table: how a token starts an expression, how it continues one, and how tightly.
struct ParseRule {
    var prefix: ((Parser) throws -> Expr)?
    var infix: ((Parser, Expr) throws -> Expr)?
    var precedence: Precedence
}

/// Keys of the Pratt table: token kinds without their payloads.
enum RuleKey: Hashable {
    case int, float, string, interpolated, identifier, keyword(Keyword), symbol(Symbol), other

    init(_ kind: TokenKind) {
        switch kind {
        case .int: self = .int
        case .float: self = .float
        case .string: self = .string
        case .interpolated: self = .interpolated
        case .identifier: self = .identifier
        case .keyword(let k): self = .keyword(k)
        case .symbol(let s): self = .symbol(s)
        default: self = .other
        }
    }
}

extension Parser {
    /// The one table that drives expression parsing.
    static let rules: [RuleKey: ParseRule] = {
        var t: [RuleKey: ParseRule] = [:]
        func binary(_ s: Symbol, _ p: Precedence) { t[.symbol(s)] = ParseRule(prefix: nil, infix: { try $0.binary($1) }, precedence: p) }
        t[.int] = ParseRule(prefix: { try $0.literal() }, infix: nil, precedence: .none)
        t[.float] = t[.int]
        t[.string] = t[.int]
        t[.interpolated] = ParseRule(prefix: { try $0.interpolation() }, infix: nil, precedence: .none)
        t[.keyword(.true)] = t[.int]
        t[.keyword(.false)] = t[.int]
        t[.keyword(.nil)] = t[.int]
        t[.identifier] = ParseRule(prefix: { try $0.name() }, infix: nil, precedence: .none)
        t[.symbol(.lparen)] = ParseRule(prefix: { try $0.group() }, infix: { try $0.call($1) }, precedence: .postfix)
        t[.symbol(.lbracket)] = ParseRule(prefix: { try $0.list() }, infix: { try $0.index($1) }, precedence: .postfix)
        t[.symbol(.dot)] = ParseRule(prefix: nil, infix: { try $0.member($1) }, precedence: .postfix)
        t[.symbol(.lbrace)] = ParseRule(prefix: { try $0.dict() }, infix: nil, precedence: .none)
        t[.symbol(.minus)] = ParseRule(prefix: { try $0.negate() }, infix: { try $0.binary($1) }, precedence: .term)
        t[.keyword(.not)] = ParseRule(prefix: { try $0.not() }, infix: nil, precedence: .none)
        t[.keyword(.fn)] = ParseRule(prefix: { try $0.functionLiteral() }, infix: nil, precedence: .none)
        t[.keyword(.if)] = ParseRule(prefix: { try $0.ifExpression() }, infix: nil, precedence: .none)
        t[.keyword(.try)] = ParseRule(prefix: { try $0.tryExpression() }, infix: nil, precedence: .none)
        t[.keyword(.and)] = ParseRule(prefix: nil, infix: { try $0.logical($1) }, precedence: .and)
        t[.keyword(.or)] = ParseRule(prefix: nil, infix: { try $0.logical($1) }, precedence: .or)
        binary(.pipe, .pipe)
        binary(.bar, .bitOr)
        binary(.caret, .bitXor)
        binary(.ampersand, .bitAnd)
        t[.symbol(.tilde)] = ParseRule(prefix: { try $0.invert() }, infix: nil, precedence: .none)
        for s in [Symbol.eq, .ne, .lt, .le, .gt, .ge] { binary(s, .comparison) }
        binary(.halfOpen, .range)
        binary(.ellipsis, .range)
        binary(.plus, .term)
        for s in [Symbol.star, .slash, .slashSlash, .percent, .at] { binary(s, .factor) }
        binary(.starStar, .power)
        return t
    }()
}
