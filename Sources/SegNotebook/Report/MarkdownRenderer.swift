import Ink

/// Renders notebook Markdown with Ink, then sanitizes the HTML (Ink passes raw HTML through).
struct MarkdownRenderer {
    private let parser = MarkdownParser()
    /// Shared across cells so heading anchors stay unique and the table of contents sees every heading.
    var sanitizer = HTMLSanitizer()

    /// Safe HTML for a Markdown text.
    mutating func render(_ markdown: String) -> String {
        // A leading `---` line would be read as Ink metadata and vanish: keep it as a rule instead.
        let source = markdown.hasPrefix("---") ? "\n" + markdown : markdown
        return sanitizer.sanitize(parser.html(from: source))
    }

    /// Headings rendered so far, in order.
    var headings: [HTMLSanitizer.Heading] { sanitizer.headings }
}
