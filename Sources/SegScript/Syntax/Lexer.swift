/// Turns source bytes into tokens. Newlines become statement ends except inside `(`/`[` or a
/// dict-or-block `{` where the parser skips them, and after a binary operator.
struct Lexer {
    let file: SourceFile
    private let b: [UInt8]
    private var i = 0
    private var brackets: [UInt8] = []
    private(set) var tokens: [Token] = []

    init(file: SourceFile) {
        self.file = file
        self.b = file.bytes
    }

    /// Tokenizes the whole file; lexical errors become `.invalid` tokens the parser reports.
    static func tokenize(_ file: SourceFile) -> [Token] {
        var lexer = Lexer(file: file)
        lexer.run(until: nil)
        return lexer.tokens
    }

    /// Tokenizes `file` from byte `start` to `end` (an interpolation inside a string).
    static func tokenize(_ file: SourceFile, from start: Int, to end: Int) -> [Token] {
        var lexer = Lexer(file: file)
        lexer.i = start
        lexer.run(until: end)
        return lexer.tokens
    }

    private func peek(_ k: Int = 0) -> UInt8 { i + k < b.count ? b[i + k] : 0 }

    private mutating func add(_ kind: TokenKind, _ start: Int) { tokens.append(Token(kind: kind, start: start, end: i)) }

    private mutating func run(until limit: Int?) {
        let end = limit ?? b.count
        while i < end {
            let c = b[i]
            let start = i
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
            case UInt8(ascii: "#"):
                while i < end, b[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "\n"):
                i += 1
                newline(start)
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                while i < end, isIdent(b[i]) { i += 1 }
                let word = String(decoding: b[start..<i], as: UTF8.self)
                add(Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word), start)
            case 0x80...0xFF:
                // Skip the whole multi-byte scalar so the error points at one character.
                i += 1
                while i < end, b[i] & 0xC0 == 0x80 { i += 1 }
                add(.invalid("unexpected character '\(String(decoding: b[start..<i], as: UTF8.self))'"), start)
            default:
                lexSymbol()
            }
        }
        if limit == nil {
            if let last = tokens.last, last.kind != .newline { tokens.append(Token(kind: .newline, start: b.count, end: b.count)) }
            tokens.append(Token(kind: .eof, start: b.count, end: b.count))
        }
    }

    private func isIdent(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95
    }

    private mutating func newline(_ start: Int) {
        if let top = brackets.last, top != UInt8(ascii: "{") {
            // A statement keyword at the start of the next line means a bracket was left open:
            // close it here so one missing `)` does not swallow the rest of the file.
            guard startsStatement(after: i) else { return }
            while let t = brackets.last, t != UInt8(ascii: "{") { brackets.removeLast() }
        }
        guard let last = tokens.last else { return }
        switch last.kind {
        case .newline: return
        case .symbol(let s) where s.continuesLine: return
        case .symbol(.lbrace): return
        case .keyword(.and), .keyword(.or), .keyword(.not): return
        default:
            // The end of a statement is placed right after its last token, not after a trailing
            // comment, so "expected ')'" points where the `)` belongs.
            let place = last.end <= start ? last.end : start
            tokens.append(Token(kind: .newline, start: place, end: place + 1))
        }
    }

    private func startsStatement(after offset: Int) -> Bool {
        var j = offset
        while j < b.count, b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t") { j += 1 }
        var k = j
        while k < b.count, isIdent(b[k]) { k += 1 }
        let word = String(decoding: b[j..<k], as: UTF8.self)
        return ["let", "var", "for", "while", "return", "break", "continue"].contains(word)
    }

    private mutating func lexNumber() {
        let start = i
        var isFloat = false
        func digits() { while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == 95 { i += 1 } }
        digits()
        if peek() == UInt8(ascii: "."), peek(1) >= 48, peek(1) <= 57 {
            isFloat = true
            i += 1
            digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let save = i
            i += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i += 1 }
            if peek() >= 48, peek() <= 57 { isFloat = true; digits() } else { i = save }
        }
        let text = String(decoding: b[start..<i].filter { $0 != 95 }, as: UTF8.self)
        if i < b.count, isIdent(b[i]) {
            while i < b.count, isIdent(b[i]) { i += 1 }
            add(.invalid("malformed number '\(String(decoding: b[start..<i], as: UTF8.self))'"), start)
        } else if isFloat {
            if let v = Double(text) { add(.float(v), start) } else { add(.invalid("malformed number '\(text)'"), start) }
        } else if let v = Int(text) {
            add(.int(v), start)
        } else {
            add(.invalid("integer literal '\(text)' does not fit in 64 bits"), start)
        }
    }

    private mutating func lexSymbol() {
        let start = i
        let c = b[i]
        // `.5` is not a number: say so instead of a confusing member access.
        if c == UInt8(ascii: "."), peek(1) >= 48, peek(1) <= 57, !previousEndsOperand() {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            add(.invalid("'\(String(decoding: b[start..<i], as: UTF8.self))' is not a number; write 0\(String(decoding: b[start..<i], as: UTF8.self))"), start)
            return
        }
        for length in [3, 2, 1] where i + length <= b.count {
            let text = String(decoding: b[i..<i + length], as: UTF8.self)
            if let s = Symbol(rawValue: text) {
                i += length
                switch s {
                case .lparen, .lbracket, .lbrace: brackets.append(c)
                case .rparen, .rbracket, .rbrace: if !brackets.isEmpty { brackets.removeLast() }
                default: break
                }
                if s == .semicolon { add(.newline, start) } else { add(.symbol(s), start) }
                return
            }
        }
        i += 1
        add(.invalid("unexpected character '\(String(decoding: [c], as: UTF8.self))'"), start)
    }

    private func previousEndsOperand() -> Bool {
        guard let last = tokens.last, last.end == i else { return false }
        switch last.kind {
        case .identifier, .symbol(.rparen), .symbol(.rbracket): return true
        default: return false
        }
    }

    private mutating func lexString() {
        let start = i
        let triple = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        i += triple ? 3 : 1
        if triple {
            // As in Swift, a line break right after the opening quotes is not part of the string.
            if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { i += 2 } else if peek() == UInt8(ascii: "\n") { i += 1 }
        }
        var pieces: [StringPiece] = []
        var text: [UInt8] = []
        while true {
            guard i < b.count else {
                add(.invalid("unterminated string"), start)
                return
            }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if !triple { i += 1; break }
                if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { i += 3; break }
            }
            if c == UInt8(ascii: "\n"), !triple {
                add(.invalid("unterminated string (use \"\"\" for strings spanning lines)"), start)
                return
            }
            if c == UInt8(ascii: "\\") {
                let e = peek(1)
                switch e {
                case UInt8(ascii: "n"): text.append(10); i += 2
                case UInt8(ascii: "t"): text.append(9); i += 2
                case UInt8(ascii: "r"): text.append(13); i += 2
                case UInt8(ascii: "0"): text.append(0); i += 2
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): text.append(e); i += 2
                case UInt8(ascii: "("):
                    if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
                    i += 2
                    let codeStart = i
                    var depth = 1
                    while i < b.count, depth > 0 {
                        if b[i] == UInt8(ascii: "(") { depth += 1 }
                        if b[i] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                        if b[i] == UInt8(ascii: "\n"), !triple { break }
                        i += 1
                    }
                    guard i < b.count, b[i] == UInt8(ascii: ")") else {
                        add(.invalid("unterminated interpolation \\( in string"), start)
                        return
                    }
                    pieces.append(.code(start: codeStart, end: i))
                    i += 1
                default:
                    i += 1
                    add(.invalid("unknown escape sequence '\\\(String(decoding: [e], as: UTF8.self))' in string"), start)
                    // Keep scanning to the end of the string so the rest of the line lexes sanely.
                    while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\n") { i += 1 }
                    if i < b.count, b[i] == UInt8(ascii: "\"") { i += 1 }
                    return
                }
                continue
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        if triple { pieces = Lexer.dedent(pieces) }
        if pieces.count <= 1, case .text(let only)? = pieces.first ?? .text("") {
            add(.string(only), start)
        } else {
            add(.interpolated(pieces), start)
        }
    }

    /// As in Swift: when the closing `"""` sits on its own line, that line break is not part of
    /// the string and the closing delimiter's indentation is removed from every line.
    static func dedent(_ pieces: [StringPiece]) -> [StringPiece] {
        guard case .text(let last)? = pieces.last, let nl = last.lastIndex(of: "\n") else { return pieces }
        let indent = last[last.index(after: nl)...]
        guard indent.allSatisfy({ $0 == " " || $0 == "\t" }) else { return pieces }
        var out = pieces
        out[out.count - 1] = .text(String(last[..<nl]))
        guard !indent.isEmpty else { return out }
        var atLineStart = true
        for (i, p) in out.enumerated() {
            guard case .text(let t) = p else { atLineStart = false; continue }
            var lines = t.components(separatedBy: "\n")
            for j in lines.indices where (j > 0 || atLineStart) && lines[j].hasPrefix(indent) {
                lines[j] = String(lines[j].dropFirst(indent.count))
            }
            out[i] = .text(lines.joined(separator: "\n"))
            atLineStart = t.hasSuffix("\n")
        }
        return out
    }
}
