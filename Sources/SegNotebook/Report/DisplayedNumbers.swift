import Foundation

/// Displayed values (a cell's last value, `show(x)` of a plain value) read better with short
/// floats: the report writes each float literal in them with at most `significantDigits`
/// significant digits. Text in quotes (strings inside lists and dicts) and integers stay as they
/// are; `print` output is never touched.
public enum DisplayedNumbers {
    /// Most significant digits a displayed float keeps.
    public static let significantDigits = 6

    /// `text` with every float literal outside quotes shortened to `significantDigits` digits.
    public static func shorten(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        var inString = false
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                result.append(scalar)
                if scalar == "\\", index + 1 < scalars.count {
                    result.append(scalars[index + 1])
                    index += 2
                    continue
                }
                if scalar == "\"" { inString = false }
                index += 1
                continue
            }
            if scalar == "\"" { inString = true }
            if isDigit(scalar), index == 0 || !continuesWord(scalars[index - 1]), let end = floatLiteralEnd(scalars, from: index) {
                let literal = String(String.UnicodeScalarView(scalars[index..<end]))
                result.append(contentsOf: shortened(literal).unicodeScalars)
                index = end
                continue
            }
            result.append(scalar)
            index += 1
        }
        return String(result)
    }

    /// The end of a float literal (digits with a fraction and/or an exponent) starting at `start`,
    /// or nil when the token there is an integer or runs into a word ("1.2.3", "3rd").
    static func floatLiteralEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        func digits() -> Bool {
            let first = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            return index > first
        }
        _ = digits()
        var isFloat = false
        if index + 1 < scalars.count, scalars[index] == ".", isDigit(scalars[index + 1]) {
            index += 1
            _ = digits()
            isFloat = true
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            let mark = index
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            if digits() { isFloat = true } else { index = mark }
        }
        guard isFloat else { return nil }
        if index < scalars.count, continuesWord(scalars[index]) { return nil }
        return index
    }

    /// The literal with at most `significantDigits` significant digits, still reading as a float.
    static func shortened(_ literal: String) -> String {
        let mantissa = literal.prefix { $0 != "e" && $0 != "E" }
        let significant = mantissa.filter(\.isNumber).drop { $0 == "0" }
        guard significant.count > significantDigits, let value = Double(literal), value.isFinite else { return literal }
        var short = String(format: "%.\(significantDigits)g", value)
        if !short.contains(".") && !short.contains("e") { short += ".0" }
        return short
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Letters, digits, `_` and `.` continue a word or a dotted version: no number starts after them.
    static func continuesWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "." || isDigit(scalar) || (scalar.isASCII && scalar.properties.isAlphabetic)
    }
}
