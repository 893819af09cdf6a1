import Foundation

/// Python-like format specs for `format(value, spec)`: `[[fill]align][sign][width][,][.precision][type]`
/// with types `f e g % d s`.
enum FormatSpec {
    static func apply(_ value: Value, _ spec: String) throws -> String {
        var chars = Array(spec)
        var fill: Character = " "
        var align: Character?
        if chars.count >= 2, "<>^".contains(chars[1]) {
            fill = chars[0]
            align = chars[1]
            chars.removeFirst(2)
        } else if let c = chars.first, "<>^".contains(c) {
            align = c
            chars.removeFirst()
        }
        var sign: Character = "-"
        if let c = chars.first, "+- ".contains(c) { sign = c; chars.removeFirst() }
        var zeroPad = false
        if chars.first == "0" { zeroPad = true; chars.removeFirst() }
        var width = 0
        while let c = chars.first, let d = c.wholeNumberValue {
            width = width * 10 + d
            chars.removeFirst()
            if width > 10_000 { throw ScriptError("format(): width too large in spec \(quoted(spec))") }
        }
        var grouping = false
        if chars.first == "," { grouping = true; chars.removeFirst() }
        var precision: Int?
        if chars.first == "." {
            chars.removeFirst()
            var p = 0, any = false
            while let c = chars.first, let d = c.wholeNumberValue {
                p = p * 10 + d
                chars.removeFirst()
                any = true
                if p > 1_000 { throw ScriptError("format(): precision too large in spec \(quoted(spec))") }
            }
            guard any else { throw ScriptError("format(): missing precision after '.' in spec \(quoted(spec))") }
            precision = p
        }
        var type: Character?
        if let c = chars.first { type = c; chars.removeFirst() }
        guard chars.isEmpty else { throw ScriptError("format(): invalid format spec \(quoted(spec))") }

        var body: String
        var isNumber = true
        switch (type, value) {
        case (nil, .string(let s)), ("s", .string(let s)):
            body = precision.map { String(s.prefix($0)) } ?? s
            isNumber = false
        case ("d", .int(let i)), (nil, .int(let i)):
            if precision != nil { throw ScriptError("format(): precision is not allowed with an Int; use \(quoted("." + String(precision ?? 0) + "f"))") }
            body = String(i.magnitude)
            if grouping { body = group(body) }
            body = signed(body, negative: i < 0, sign)
        case ("f", _), ("F", _), ("e", _), ("E", _), ("%", _), ("g", _), ("G", _), (nil, .float):
            guard let d = value.asDouble else { throw ScriptError("format(): spec \(quoted(spec)) needs a number, not \(value.typeName)") }
            let m = abs(d)
            switch type {
            case "f", "F": body = String(format: "%.\(precision ?? 6)f", m)
            case "e", "E": body = String(format: "%.\(precision ?? 6)\(type == "E" ? "E" : "e")", m)
            case "%": body = String(format: "%.\(precision ?? 6)f", m * 100) + "%"
            case "g", "G": body = String(format: "%.\(precision ?? 6)g", m)
            default: body = precision.map { String(format: "%.\($0)g", m) } ?? formatFloat(m)
            }
            if m.isNaN { body = "nan" } else if m.isInfinite { body = "inf" }
            if grouping {
                let parts = body.split(separator: ".", maxSplits: 1)
                body = group(String(parts[0])) + (parts.count > 1 ? "." + parts[1] : "")
            }
            body = signed(body, negative: d < 0 || (d == 0 && d.sign == .minus), sign)
        case (nil, _):
            body = printString(value)
            isNumber = false
        default:
            throw ScriptError("format(): spec \(quoted(spec)) does not apply to a \(value.typeName)")
        }
        let n = body.count
        guard n < width else { return body }
        let pad = width - n
        if zeroPad && isNumber && align == nil {
            let signChar = body.first.map { "+- ".contains($0) } == true ? String(body.removeFirst()) : ""
            return signChar + String(repeating: "0", count: pad) + body
        }
        switch align ?? (isNumber ? ">" : "<") {
        case "<": return body + String(repeating: fill, count: pad)
        case "^": return String(repeating: fill, count: pad / 2) + body + String(repeating: fill, count: pad - pad / 2)
        default: return String(repeating: fill, count: pad) + body
        }
    }

    private static func signed(_ s: String, negative: Bool, _ sign: Character) -> String {
        if negative { return "-" + s }
        if sign == "+" { return "+" + s }
        if sign == " " { return " " + s }
        return s
    }

    private static func group(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
