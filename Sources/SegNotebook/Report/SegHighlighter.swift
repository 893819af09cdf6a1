import Foundation
import SegScript

/// Syntax highlighting of Seg source as escaped HTML with `<span class="...">` per token kind.
enum SegHighlighter {
    /// The lexer's keywords that are syntax (class `k`).
    static let keywords = Set(Keyword.allCases.filter { !$0.isLiteral }.map(\.rawValue))
    /// The lexer's keywords that are literal values (class `b`).
    static let constants = Set(Keyword.allCases.filter(\.isLiteral).map(\.rawValue))

    /// The highlighted HTML of a source text (no surrounding `<pre>`).
    static func html(_ source: String) -> String {
        let chars = Array(source.unicodeScalars)
        var output = ""
        var index = 0
        func span(_ kind: String, _ start: Int, _ end: Int) {
            output += "<span class=\"\(kind)\">" + HTMLEscaping.escape(String(String.UnicodeScalarView(chars[start..<end]))) + "</span>"
        }
        func isIdentifierStart(_ char: Unicode.Scalar) -> Bool { CharacterSet.letters.contains(char) || char == "_" }
        func isIdentifier(_ char: Unicode.Scalar) -> Bool { isIdentifierStart(char) || CharacterSet.decimalDigits.contains(char) }
        while index < chars.count {
            let char = chars[index]
            let start = index
            if char == "#" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
                span("c", start, index)
            } else if char == "\"" {
                index = stringEnd(chars, from: index)
                span("s", start, index)
            } else if CharacterSet.decimalDigits.contains(char) {
                while index < chars.count, CharacterSet.alphanumerics.contains(chars[index]) || chars[index] == "_" || chars[index] == "."
                    || ((chars[index] == "-" || chars[index] == "+") && (chars[index - 1] == "e" || chars[index - 1] == "E")) {
                    // `0..<5` is a range, not a number with a dot.
                    if chars[index] == ".", index + 1 < chars.count, chars[index + 1] == "." { break }
                    index += 1
                }
                span("n", start, index)
            } else if isIdentifierStart(char) {
                while index < chars.count, isIdentifier(chars[index]) { index += 1 }
                let word = String(String.UnicodeScalarView(chars[start..<index]))
                var next = index
                while next < chars.count, chars[next] == " " { next += 1 }
                if keywords.contains(word) { span("k", start, index) }
                else if constants.contains(word) { span("b", start, index) }
                else if next < chars.count, chars[next] == "(" { span("f", start, index) }
                else if start > 0, chars[start - 1] == "." { span("m", start, index) }
                else { output += HTMLEscaping.escape(word) }
            } else {
                output += HTMLEscaping.escape(String(char))
                index += 1
            }
        }
        return output
    }

    /// The index after a string literal starting at `start` (plain or triple-quoted; an unterminated one runs to the line's end).
    static func stringEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        let triple = index + 2 < chars.count && chars[index + 1] == "\"" && chars[index + 2] == "\""
        if triple {
            index += 3
            while index < chars.count {
                if chars[index] == "\\" { index = escapeEnd(chars, from: index); continue }
                if index + 2 < chars.count, chars[index] == "\"", chars[index + 1] == "\"", chars[index + 2] == "\"" { return index + 3 }
                index += 1
            }
            return chars.count
        }
        index += 1
        while index < chars.count, chars[index] != "\n" {
            if chars[index] == "\\" { index = escapeEnd(chars, from: index); continue }
            if chars[index] == "\"" { return index + 1 }
            index += 1
        }
        return min(index, chars.count)
    }

    /// The index after an escape at `start`: `\(...)` interpolations are skipped as a whole, with
    /// their nested parentheses and string literals, so quotes inside them do not end the string.
    static func escapeEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        guard start + 1 < chars.count, chars[start + 1] == "(" else { return start + 2 }
        var index = start + 2
        var depth = 1
        while index < chars.count, chars[index] != "\n" {
            switch chars[index] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index + 1 }
            case "\"":
                index = stringEnd(chars, from: index)
                continue
            default: break
            }
            index += 1
        }
        return index
    }
}
