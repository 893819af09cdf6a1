/// Markdown as a terminal reader wants it: headings stand out, emphasis and code lose their
/// markers (bold and italic when styled), lists get bullets, links show their address, fenced
/// code is indented. Without styling the result is plain text for logs and pipes.
enum TerminalMarkdown {
    private static let bold = "\u{1B}[1m", italic = "\u{1B}[3m", underline = "\u{1B}[4m", reset = "\u{1B}[0m"

    /// `markdown` formatted for a terminal (`styled`: with ANSI bold, italic and underline).
    static func format(_ markdown: String, styled: Bool) -> String {
        var out: [String] = []
        var inFence = false
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimming(" \t")
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence {
                out.append("    " + line)
                continue
            }
            if let (level, title) = heading(trimmed) {
                let text = inline(title, styled: false)
                if styled {
                    out.append(bold + (level == 1 ? underline : "") + text + reset)
                } else {
                    out.append(text)
                    if level <= 2 { out.append(String(repeating: level == 1 ? "=" : "-", count: text.count)) }
                }
                continue
            }
            if ["---", "***", "___"].contains(trimmed) {
                out.append(String(repeating: "─", count: 40))
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            if let item = bulletItem(trimmed) {
                out.append(indent + "  • " + inline(item, styled: styled))
            } else if trimmed.hasPrefix(">") {
                out.append("  │ " + inline(String(trimmed.dropFirst()).trimming(" "), styled: styled))
            } else {
                out.append(inline(line, styled: styled))
            }
        }
        return out.joined(separator: "\n")
    }

    /// `(level, text)` of an ATX heading line.
    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest).trimming(" #"))
    }

    /// The text of a `-`, `*` or `+` list item.
    private static func bulletItem(_ line: String) -> String? {
        guard let first = line.first, "-*+".contains(first), line.dropFirst().first == " " else { return nil }
        return String(line.dropFirst(2))
    }

    /// Inline markup: `**bold**`, `*em*`, `_em_`, `` `code` ``, `[text](url)`.
    static func inline(_ text: String, styled: Bool) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_[]()#+-.!".contains(chars[i + 1]) {
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "`", let end = closing("`", in: chars, from: i + 1) {
                out += String(chars[(i + 1)..<end])
                i = end + 1
                continue
            }
            if c == "[", let close = closing("]", in: chars, from: i + 1), close + 1 < chars.count, chars[close + 1] == "(",
               let paren = closing(")", in: chars, from: close + 2) {
                let label = inline(String(chars[(i + 1)..<close]), styled: styled)
                let url = String(chars[(close + 2)..<paren])
                out += label == url ? url : "\(label) (\(url))"
                i = paren + 1
                continue
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                let marker = double ? [c, c] : [c]
                if let end = emphasisEnd(marker, in: chars, from: i + marker.count), opens(chars, at: i, length: marker.count) {
                    let inner = inline(String(chars[(i + marker.count)..<end]), styled: styled)
                    out += styled ? (double ? bold : italic) + inner + reset : inner
                    i = end + marker.count
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func closing(_ mark: Character, in chars: [Character], from start: Int) -> Int? {
        var j = start
        while j < chars.count {
            if chars[j] == mark { return j > start ? j : nil }
            j += 1
        }
        return nil
    }

    /// Emphasis opens at `i` when the marker follows a non-word character and precedes a
    /// non-space (so `snake_case` names and `2 * 3` stay as written).
    private static func opens(_ chars: [Character], at i: Int, length: Int) -> Bool {
        let before = i > 0 ? chars[i - 1] : " "
        let after = i + length < chars.count ? chars[i + length] : " "
        return !(before.isLetter || before.isNumber) && !after.isWhitespace
    }

    /// Where the closing marker of an emphasis starting at `start` is: after a non-space, before a non-word character.
    private static func emphasisEnd(_ marker: [Character], in chars: [Character], from start: Int) -> Int? {
        var j = start + 1
        while j + marker.count <= chars.count {
            if Array(chars[j..<(j + marker.count)]) == marker, !chars[j - 1].isWhitespace {
                let after = j + marker.count < chars.count ? chars[j + marker.count] : " "
                if !(after.isLetter || after.isNumber) && after != marker[0] { return j }
            }
            j += 1
        }
        return nil
    }
}
