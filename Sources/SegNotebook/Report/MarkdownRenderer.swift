import Foundation

/// Renders the report's Markdown (Markdown cells and `md()` outputs) with cmark-gfm, gives every
/// heading a unique anchor and keeps the headings for the table of contents.
///
/// cmark-gfm is linear on ordinary text, but the version Debian ships has a few polynomial corner
/// cases (deeply crossed brackets and images, tables with thousands of columns). So a text longer
/// than `maximumBytes` and a text whose rendering outlasts `timeLimit` are shown as plain text with
/// a note: writing a report always finishes.
struct MarkdownRenderer {
    /// A heading of the document: level, text and anchor.
    struct Heading: Equatable { var level: Int; var text: String; var anchor: String }

    /// Longer Markdown is shown as plain text (64 KB renders in milliseconds, even its worst cases in a few seconds).
    static let maximumBytes = 64 * 1024
    /// Seconds one text may take to render before it is shown as plain text instead.
    var timeLimit: Double = 5

    /// Anchors already used in the document, shared across cells so ids stay unique.
    private var usedAnchors: Set<String> = []
    /// The next number to try per slug, so a thousand equal headings do not cost a million probes.
    private var nextSuffix: [String: Int] = [:]
    /// Headings rendered so far, in document order.
    private(set) var headings: [Heading] = []

    /// Safe HTML for a Markdown text.
    mutating func render(_ markdown: String) -> String {
        guard markdown.utf8.count <= Self.maximumBytes else {
            return plain(markdown, note: "Markdown longer than \(Self.maximumBytes / 1024) KB is shown as plain text.")
        }
        guard let rendered = Self.renderInTime(markdown, seconds: timeLimit) else {
            return plain(markdown, note: "This Markdown took too long to render and is shown as plain text.")
        }
        var anchors: [String] = []
        for (level, text) in rendered.headings {
            let anchor = makeAnchor(text)
            anchors.append(anchor)
            headings.append(Heading(level: level, text: text, anchor: anchor))
        }
        return Self.addAnchors(anchors, to: rendered.html)
    }

    private func plain(_ markdown: String, note: String) -> String {
        "<p class=\"note\">\(HTMLEscaping.escape(note))</p><pre class=\"md-plain\">\(HTMLEscaping.escape(markdown))</pre>"
    }

    /// Renders on a worker thread and waits at most `seconds`; nil when the time ran out (the worker
    /// then finishes on its own, bounded by `maximumBytes`, and its result is dropped).
    static func renderInTime(_ markdown: String, seconds: Double) -> CmarkMarkdown.Rendered? {
        final class Box: @unchecked Sendable { var result: CmarkMarkdown.Rendered? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = CmarkMarkdown.render(markdown)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + max(0, seconds)) == .success else { return nil }
        return box.result
    }

    /// Puts `id="anchor"` on the rendered headings, in order. Safe mode omits raw HTML and escapes
    /// code, so every `<hN>` in cmark's output is a heading it rendered.
    static func addAnchors(_ anchors: [String], to html: String) -> String {
        guard !anchors.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + anchors.count * 16)
        var remaining = anchors[...]
        var rest = html[...]
        while let anchor = remaining.first, let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let digit = after.first, ("1"..."6").contains(digit), after.dropFirst().first == ">" else {
                result += rest[..<open.upperBound]
                rest = after
                continue
            }
            result += rest[..<open.upperBound]
            result += "\(digit) id=\"\(anchor)\">"
            rest = after.dropFirst(2)
            remaining = remaining.dropFirst()
        }
        result += rest
        return result
    }

    mutating func makeAnchor(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar), scalar.isASCII { slug.unicodeScalars.append(scalar) } else if !slug.hasSuffix("-") { slug += "-" }
        }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if slug.isEmpty { slug = "section" }
        var anchor = slug
        var counter = nextSuffix[slug] ?? 2
        while usedAnchors.contains(anchor) { anchor = "\(slug)-\(counter)"; counter += 1 }
        nextSuffix[slug] = counter
        usedAnchors.insert(anchor)
        return anchor
    }
}
