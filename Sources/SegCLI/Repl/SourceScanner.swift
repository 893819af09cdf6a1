import SegScript

/// A light scan of Seg source that tracks brackets, strings, interpolations and comments, so the
/// REPL can tell whether input is complete and whether the cursor sits inside a string literal.
/// It does not parse: anything it cannot make sense of is left for the real parser to report.
struct SourceScanner {
    enum Frame: Equatable {
        case bracket(Character)
        /// A string literal; `start` is the offset of the first character after the quotes.
        case string(triple: Bool, start: Int)
        case interpolation
    }

    /// Open constructs at the end of the scanned text, innermost last.
    private(set) var stack: [Frame] = []
    /// Set when a closing bracket does not match or a one-line string runs into a newline.
    private(set) var malformed = false

    /// Scans `text` from the beginning.
    init(_ text: String) {
        let chars = Array(text)
        var i = 0
        while i < chars.count, !malformed {
            i = step(chars, i)
        }
    }

    /// The innermost open string literal, if the text ends inside one.
    var openString: (triple: Bool, start: Int)? {
        if case .string(let triple, let start)? = stack.last { return (triple, start) }
        return nil
    }

    private mutating func step(_ c: [Character], _ i: Int) -> Int {
        let ch = c[i]
        if case .string(let triple, _)? = stack.last {
            if ch == "\\" {
                if i + 1 < c.count, c[i + 1] == "(" {
                    stack.append(.interpolation)
                    return i + 2
                }
                return i + 2
            }
            if ch == "\"" {
                if !triple {
                    stack.removeLast()
                    return i + 1
                }
                if i + 2 < c.count, c[i + 1] == "\"", c[i + 2] == "\"" {
                    stack.removeLast()
                    return i + 3
                }
                return i + 1
            }
            if ch == "\n", !triple { malformed = true }
            return i + 1
        }
        switch ch {
        case "#":
            var j = i
            while j < c.count, c[j] != "\n" { j += 1 }
            return j
        case "\"":
            if i + 2 < c.count, c[i + 1] == "\"", c[i + 2] == "\"" {
                stack.append(.string(triple: true, start: i + 3))
                return i + 3
            }
            stack.append(.string(triple: false, start: i + 1))
            return i + 1
        case "(", "[", "{":
            stack.append(.bracket(ch))
            return i + 1
        case ")", "]", "}":
            let opener: Character = ch == ")" ? "(" : (ch == "]" ? "[" : "{")
            if ch == ")", stack.last == .interpolation {
                stack.removeLast()
            } else if stack.last == .bracket(opener) {
                stack.removeLast()
            } else {
                malformed = true
            }
            return i + 1
        default:
            return i + 1
        }
    }
}

/// Decides whether the REPL should read another line before evaluating: while a bracket, a
/// triple-quoted string or an interpolation is open, or when the last line ends with a binary
/// operator (the language's own continuation rule).
enum InputContinuation {
    /// Operators that cannot end a statement; longest first so `//` wins over `/`.
    private static let trailingOperators = [
        "..<", "...", "**", "//", "==", "!=", "<=", ">=", "|>", "+=", "-=", "*=", "/=",
        "+", "-", "*", "/", "%", "@", "<", ">", "=", ",",
    ]
    private static let trailingWords = ["and", "or", "not"]

    /// True when `source` cannot be complete yet.
    static func needsMoreInput(_ source: String) -> Bool {
        let scan = SourceScanner(source)
        if scan.malformed { return false }
        if !scan.stack.isEmpty { return true }
        return endsWithOperator(source)
    }

    private static func endsWithOperator(_ source: String) -> Bool {
        guard let lastLine = source.split(separator: "\n", omittingEmptySubsequences: false).last else {
            return false
        }
        let code = SourceFile.strippingComment(String(lastLine)).trimmingTrailingSpaces()
        if code.isEmpty { return false }
        for word in trailingWords where code.hasSuffix(word) {
            let before = code.dropLast(word.count).last
            if before == nil || !(before.map(isIdentifierCharacter) ?? false) { return true }
        }
        return trailingOperators.contains { code.hasSuffix($0) }
    }
}

/// Letters, digits and `_`.
func isIdentifierCharacter(_ ch: Character) -> Bool {
    ch == "_" || ch.isLetter || ch.isNumber
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
