import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML through cmark-gfm, in its safe mode: raw HTML is omitted and
/// `javascript:`, `vbscript:`, `file:` and non-image `data:` links lose their target. On top of that
/// the report allows only links a reader can follow without surprise (http, https, mailto, a
/// fragment or a relative path) and only inline images, so the page never makes a request.
enum CmarkMarkdown {
    /// The HTML of one Markdown text and its headings (level and plain text) in document order.
    struct Rendered: Sendable {
        var html: String
        var headings: [(level: Int, text: String)]
    }

    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Registers the GFM extensions once per process (the registry is global in cmark-gfm).
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses and renders `markdown`; linear in its length apart from cmark's own corner cases.
    static func render(_ markdown: String) -> Rendered {
        _ = extensionsRegistered
        // CMARK_OPT_DEFAULT is safe mode in cmark-gfm (CMARK_OPT_UNSAFE would let raw HTML through).
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return Rendered(html: "", headings: []) }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { _ = cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        // Fed as bytes with a length: a NUL in the text must not end it early (cmark replaces it).
        var bytes = Array(markdown.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in cmark_parser_feed(parser, chars.baseAddress, chars.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return Rendered(html: "", headings: []) }
        defer { cmark_node_free(document) }

        let headings = applyReportPolicy(document)
        guard let raw = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return Rendered(html: "", headings: headings)
        }
        defer { free(raw) }
        return Rendered(html: String(cString: raw), headings: headings)
    }

    /// Unwraps links the report does not allow, replaces images that are not inline data by their
    /// alt text, and collects the headings. Nodes change only after the walk (cmark's iterator rule).
    private static func applyReportPolicy(_ document: OpaquePointer) -> [(level: Int, text: String)] {
        var links: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        walk(document) { node, entering in
            guard entering else { return }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK: if !isAllowedLink(url(of: node)) { links.append(node) }
            case CMARK_NODE_IMAGE: if !isInlineImage(url(of: node)) { images.append(node) }
            case CMARK_NODE_HEADING: headingNodes.append(node)
            default: break
            }
        }
        for link in links {
            while let child = cmark_node_first_child(link) { _ = cmark_node_insert_before(link, child) }
            cmark_node_unlink(link)
            cmark_node_free(link)
        }
        // Innermost first: freeing an image frees what it contains, and `![![a](b)](c)` nests one
        // image in another's text, which must be replaced before its parent goes.
        for image in images.reversed() {
            guard let emphasis = cmark_node_new(CMARK_NODE_EMPH), let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            let alt = plainText(image)
            _ = cmark_node_set_literal(text, "[image: \(alt.isEmpty ? "image" : alt)]")
            _ = cmark_node_append_child(emphasis, text)
            _ = cmark_node_insert_before(image, emphasis)
            cmark_node_unlink(image)
            cmark_node_free(image)
        }
        return headingNodes.map { (Int(cmark_node_get_heading_level($0)), plainText($0)) }
    }

    /// Visits every node under `root` in document order, without recursion.
    private static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer, Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }

    /// The text a reader sees in a node: its text and code, breaks as spaces.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        walk(node) { child, entering in
            guard entering else { return }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func url(of node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// http, https, mailto, a fragment, or a relative path (no scheme at all).
    static func isAllowedLink(_ value: String) -> Bool {
        let compact = String(String.UnicodeScalarView(value.unicodeScalars.filter {
            !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.controlCharacters.contains($0)
        })).lowercased()
        if compact.hasPrefix("http://") || compact.hasPrefix("https://") || compact.hasPrefix("mailto:") || compact.hasPrefix("#") { return true }
        return !compact.contains(":")
    }

    /// A picture carried in the page itself (a base64 PNG, JPEG, GIF or WebP data URI).
    static func isInlineImage(_ value: String) -> Bool {
        let lower = value.lowercased()
        return ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,", "data:image/webp;base64,"].contains { lower.hasPrefix($0) }
    }
}
