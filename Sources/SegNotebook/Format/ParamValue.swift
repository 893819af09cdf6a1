import Foundation

/// A parameter value: a Seg literal (number, string, boolean, nil, or a list of those).
public indirect enum ParamValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case list([ParamValue])
    case `nil`

    /// The value as Seg source text that reads back as the same value.
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .float(let value):
            let text = "\(value)"
            return text.contains(".") || text.contains("e") || text.contains("n") || text.contains("i") ? text : text + ".0"
        case .string(let value):
            var escaped = ""
            for char in value {
                switch char {
                case "\\": escaped += "\\\\"
                case "\"": escaped += "\\\""
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.append(char)
                }
            }
            return "\"\(escaped)\""
        case .bool(let value): return value ? "true" : "false"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .nil: return "nil"
        }
    }

    /// Parses a `-p NAME=VALUE` value: a Seg literal, or else the whole text as a string.
    public static func parseOverride(_ text: String) -> ParamValue {
        parseLiteral(text) ?? .string(text)
    }

    /// The deepest list nesting a parameter literal may have.
    public static let maxNesting = 100

    /// Whether `text` opens lists more than `maxNesting` deep (outside strings): such a literal
    /// is refused with its own message rather than read as something else.
    public static func isNestedTooDeeply(_ text: String) -> Bool {
        var depth = 0, inString = false, escaped = false
        for char in text.unicodeScalars {
            if inString {
                if escaped { escaped = false } else if char == "\\" { escaped = true } else if char == "\"" { inString = false }
            } else if char == "\"" {
                inString = true
            } else if char == "[" {
                depth += 1
                if depth > maxNesting { return true }
            } else if char == "]" {
                depth -= 1
            }
        }
        return false
    }

    /// Parses a complete Seg literal, or nil when the text is anything else.
    public static func parseLiteral(_ text: String) -> ParamValue? {
        var parser = LiteralParser(Array(text.unicodeScalars))
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        return parser.atEnd ? value : nil
    }
}

/// A recursive-descent reader of Seg literals over Unicode scalars.
struct LiteralParser {
    let chars: [Unicode.Scalar]
    var index = 0
    /// Lists open around the current point; reading stops past `ParamValue.maxNesting`, so
    /// hostile input cannot exhaust the stack.
    private var depth = 0

    init(_ chars: [Unicode.Scalar]) { self.chars = chars }

    var atEnd: Bool { index >= chars.count }

    mutating func skipSpace() {
        while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 }
    }

    mutating func value() -> ParamValue? {
        skipSpace()
        guard index < chars.count else { return nil }
        let char = chars[index]
        if char == "\"" { return string() }
        if char == "[" { return list() }
        if char == "-" || char == "+" || ("0"..."9").contains(char) { return number() }
        var word = ""
        while index < chars.count, CharacterSet.alphanumerics.contains(chars[index]) || chars[index] == "_" {
            word.unicodeScalars.append(chars[index]); index += 1
        }
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "nil": return .nil
        default: return nil
        }
    }

    mutating func list() -> ParamValue? {
        index += 1
        depth += 1
        defer { depth -= 1 }
        if depth > ParamValue.maxNesting { return nil }
        var items: [ParamValue] = []
        skipSpace()
        if index < chars.count, chars[index] == "]" { index += 1; return .list(items) }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipSpace()
            guard index < chars.count else { return nil }
            if chars[index] == "," {
                index += 1
                skipSpace()
                if index < chars.count, chars[index] == "]" { index += 1; return .list(items) }
                continue
            }
            if chars[index] == "]" { index += 1; return .list(items) }
            return nil
        }
    }

    mutating func string() -> ParamValue? {
        index += 1
        var result = ""
        while index < chars.count {
            let char = chars[index]
            index += 1
            if char == "\"" { return .string(result) }
            if char == "\\" {
                guard index < chars.count else { return nil }
                let escape = chars[index]
                index += 1
                switch escape {
                case "n": result += "\n"
                case "t": result += "\t"
                case "\\": result += "\\"
                case "\"": result += "\""
                default: return nil
                }
            } else {
                result.unicodeScalars.append(char)
            }
        }
        return nil
    }

    mutating func number() -> ParamValue? {
        var text = ""
        if chars[index] == "-" || chars[index] == "+" { text.unicodeScalars.append(chars[index]); index += 1 }
        var isFloat = false
        while index < chars.count {
            let char = chars[index]
            if ("0"..."9").contains(char) || char == "_" {
                if char != "_" { text.unicodeScalars.append(char) }
            } else if char == "." || char == "e" || char == "E" {
                isFloat = true
                text.unicodeScalars.append(char)
                if char != ".", index + 1 < chars.count, chars[index + 1] == "-" || chars[index + 1] == "+" {
                    index += 1
                    text.unicodeScalars.append(chars[index])
                }
            } else {
                break
            }
            index += 1
        }
        // Seg has no `.5` or `5.`: a dot needs digits on both sides.
        if text.hasSuffix(".") || text.contains("-.") || text.contains("+.") || text.hasPrefix(".") { return nil }
        // A literal past Double's range (1e999) is no number: it reads as text, which a
        // numeric param then refuses by name.
        if isFloat { return Double(text).flatMap { $0.isFinite ? ParamValue.float($0) : nil } }
        return Int(text).map(ParamValue.int)
    }
}
