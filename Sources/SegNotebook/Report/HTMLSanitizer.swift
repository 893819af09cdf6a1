import Foundation

/// Rebuilds Markdown-library HTML from a whitelist: known tags with checked attributes survive,
/// everything else (raw `<script>`, event handlers, `javascript:` links, remote images) becomes text.
/// Headings get `id`s for the table of contents.
struct HTMLSanitizer {
    /// A heading found while sanitizing: level, text and anchor.
    struct Heading: Equatable { var level: Int; var text: String; var anchor: String }

    static let allowedTags: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "del", "s", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    ]
    static let voidTags: Set<String> = ["br", "hr", "img"]

    /// Anchors already used in the document, shared across cells so ids stay unique.
    var usedAnchors: Set<String> = []
    /// Headings in document order.
    var headings: [Heading] = []

    mutating func sanitize(_ html: String) -> String {
        let chars = Array(html.unicodeScalars)
        var output: [String] = []
        var index = 0
        var openHeading: (level: Int, part: Int, text: String)?
        while index < chars.count {
            let char = chars[index]
            if char == "<", let tag = Self.parseTag(chars, from: index) {
                index = tag.end
                if let rendered = render(tag) {
                    if let level = Self.headingLevel(tag.name) {
                        if tag.closing, let open = openHeading, open.level == level {
                            let anchor = makeAnchor(open.text)
                            headings.append(Heading(level: level, text: open.text.trimmingCharacters(in: .whitespaces), anchor: anchor))
                            output[open.part] = "<h\(level) id=\"\(anchor)\">"
                            openHeading = nil
                        } else if !tag.closing {
                            openHeading = (level, output.count, "")
                        }
                    }
                    output.append(rendered)
                } else {
                    let text = HTMLEscaping.escape(String(String.UnicodeScalarView(chars[tag.start..<tag.end])))
                    output.append(text)
                    openHeading?.text += HTMLEscaping.unescapeBasic(text)
                }
                continue
            }
            var text = ""
            while index < chars.count, chars[index] != "<" || Self.parseTag(chars, from: index) == nil {
                switch chars[index] {
                case "<": text += "&lt;"
                case ">": text += "&gt;"
                default: text.unicodeScalars.append(chars[index])
                }
                index += 1
            }
            output.append(text)
            if openHeading != nil { openHeading?.text += HTMLEscaping.unescapeBasic(text) }
            continue
        }
        return output.joined()
    }

    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()), (1...6).contains(level) else { return nil }
        return level
    }

    mutating func makeAnchor(_ text: String) -> String {
        let plain = HTMLEscaping.unescapeBasic(text).lowercased()
        var slug = ""
        for scalar in plain.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar), scalar.isASCII { slug.unicodeScalars.append(scalar) } else if !slug.hasSuffix("-") { slug += "-" }
        }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if slug.isEmpty { slug = "section" }
        var anchor = slug
        var counter = 2
        while usedAnchors.contains(anchor) { anchor = "\(slug)-\(counter)"; counter += 1 }
        usedAnchors.insert(anchor)
        return anchor
    }

    /// A parsed tag: name, closing or not, attributes, and its span in the input.
    struct Tag {
        var name: String
        var closing: Bool
        var attributes: [(String, String)]
        var start: Int
        var end: Int
    }

    /// The HTML of an allowed tag rebuilt from checked attributes, or nil to show the tag as text.
    func render(_ tag: Tag) -> String? {
        guard Self.allowedTags.contains(tag.name) else { return nil }
        if tag.closing { return Self.voidTags.contains(tag.name) ? "" : "</\(tag.name)>" }
        if Self.headingLevel(tag.name) != nil { return "<\(tag.name)>" }
        var kept: [String] = []
        for (name, rawValue) in tag.attributes {
            let value = HTMLEscaping.unescapeBasic(rawValue)
            switch (tag.name, name) {
            case ("a", "href"):
                guard Self.isSafeLink(value) else { continue }
                kept.append("href=\"\(HTMLEscaping.escape(value))\"")
            case ("a", "title"), ("img", "alt"), ("img", "title"):
                kept.append("\(name)=\"\(HTMLEscaping.escape(value))\"")
            case ("img", "src"):
                guard Self.isInlineImage(value) else { return imageReplacement(tag) }
                kept.append("src=\"\(HTMLEscaping.escape(value))\"")
            case ("ol", "start"):
                if Int(value) != nil { kept.append("start=\"\(value)\"") }
            case ("th", "align"), ("td", "align"):
                if ["left", "right", "center"].contains(value) { kept.append("style=\"text-align:\(value)\"") }
            case ("code", "class"):
                if value.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == " " }) {
                    kept.append("class=\"\(value)\"")
                }
            default: continue
            }
        }
        if tag.name == "img", !tag.attributes.contains(where: { $0.0 == "src" }) { return imageReplacement(tag) }
        return "<\(tag.name)\(kept.isEmpty ? "" : " " + kept.joined(separator: " "))>"
    }

    /// A remote or local image cannot be inlined here: show its alt text instead of making a request.
    func imageReplacement(_ tag: Tag) -> String {
        let alt = tag.attributes.first { $0.0 == "alt" }.map { HTMLEscaping.unescapeBasic($0.1) } ?? "image"
        return "<em>[image: \(HTMLEscaping.escape(alt))]</em>"
    }

    static func isSafeLink(_ value: String) -> Bool {
        let compact = value.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.controlCharacters.contains($0) }
        let lower = String(String.UnicodeScalarView(compact)).lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") { return true }
        // A relative link has no scheme at all.
        return !lower.contains(":") && !lower.contains("&")
    }

    static func isInlineImage(_ value: String) -> Bool {
        let lower = value.lowercased()
        return ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,", "data:image/webp;base64,"].contains { lower.hasPrefix($0) }
            && !value.contains("\"") && !value.contains("<")
    }

    /// Parses `<name attr="v" ...>` or `</name>` at `start`; nil when it is not a tag (then `<` is text).
    static func parseTag(_ chars: [Unicode.Scalar], from start: Int) -> Tag? {
        var index = start + 1
        var closing = false
        if index < chars.count, chars[index] == "/" { closing = true; index += 1 }
        var name = ""
        while index < chars.count, chars[index].properties.isASCIIHexDigit || CharacterSet.letters.contains(chars[index]) || CharacterSet.decimalDigits.contains(chars[index]) {
            name.unicodeScalars.append(chars[index]); index += 1
        }
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) else { return nil }
        var attributes: [(String, String)] = []
        func skipSpace() { while index < chars.count, CharacterSet.whitespacesAndNewlines.contains(chars[index]) { index += 1 } }
        while true {
            skipSpace()
            guard index < chars.count else { return nil }
            if chars[index] == ">" { index += 1; break }
            if chars[index] == "/", index + 1 < chars.count, chars[index + 1] == ">" { index += 2; break }
            var attribute = ""
            while index < chars.count, !CharacterSet.whitespacesAndNewlines.contains(chars[index]), chars[index] != "=", chars[index] != ">", chars[index] != "/" {
                attribute.unicodeScalars.append(chars[index]); index += 1
            }
            if attribute.isEmpty { return nil }
            skipSpace()
            var value = ""
            if index < chars.count, chars[index] == "=" {
                index += 1
                skipSpace()
                guard index < chars.count else { return nil }
                if chars[index] == "\"" || chars[index] == "'" {
                    let quote = chars[index]
                    index += 1
                    while index < chars.count, chars[index] != quote { value.unicodeScalars.append(chars[index]); index += 1 }
                    guard index < chars.count else { return nil }
                    index += 1
                } else {
                    while index < chars.count, !CharacterSet.whitespacesAndNewlines.contains(chars[index]), chars[index] != ">" {
                        value.unicodeScalars.append(chars[index]); index += 1
                    }
                }
            }
            attributes.append((attribute.lowercased(), value))
        }
        return Tag(name: name.lowercased(), closing: closing, attributes: attributes, start: start, end: index)
    }
}
