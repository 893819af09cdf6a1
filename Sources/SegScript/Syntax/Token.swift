/// Kinds of tokens.
enum TokenKind: Equatable {
    case int(Int), float(Double), string(String)
    /// An interpolated string: literal pieces and the source ranges of the `\( )` parts.
    case interpolated([StringPiece])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case eof
    /// A lexical error; the message says what is wrong.
    case invalid(String)
}

/// A piece of an interpolated string.
enum StringPiece: Equatable {
    case text(String)
    /// Byte offsets of the expression between `\(` and `)`.
    case code(start: Int, end: Int)
}

/// A reserved word of the language, spelt as its raw value; the report's highlighter lists them from here.
public enum Keyword: String, CaseIterable, Sendable {
    case `let`, `var`, `fn`, `return`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`,
         `true`, `false`, `nil`, and, or, not, `try`, `catch`

    /// Whether the word is a literal value (`true`, `false`, `nil`) rather than syntax.
    public var isLiteral: Bool { self == .true || self == .false || self == .nil }
}

enum Symbol: String, CaseIterable {
    case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
    case comma = ",", colon = ":", semicolon = ";", dot = ".", ellipsis = "...", halfOpen = "..<"
    case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//", percent = "%", at = "@", starStar = "**"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case assign = "=", plusAssign = "+=", minusAssign = "-=", starAssign = "*=", slashAssign = "/="
    case pipe = "|>"
    case bar = "|", caret = "^", ampersand = "&", tilde = "~"

    /// A line ending in one of these continues on the next line.
    var continuesLine: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .slashSlash, .percent, .at, .starStar, .eq, .ne, .lt, .le, .gt, .ge,
             .assign, .plusAssign, .minusAssign, .starAssign, .slashAssign, .pipe, .halfOpen, .ellipsis, .comma, .dot,
             .bar, .caret, .ampersand:
            return true
        default: return false
        }
    }
}

struct Token {
    let kind: TokenKind
    let start: Int
    let end: Int
}
