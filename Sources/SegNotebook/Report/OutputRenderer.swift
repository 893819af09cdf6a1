import Foundation
import SegScript

/// The HTML of each kind of cell output; every piece of text is escaped.
enum OutputRenderer {
    static func html(_ output: CellOutput, markdown: inout MarkdownRenderer) -> String {
        switch output {
        case .text(let text):
            return "<pre class=\"out-text\">\(HTMLEscaping.escape(text))</pre>"
        case .value(let text):
            return "<pre class=\"out-value\">\(HTMLEscaping.escape(DisplayedNumbers.shorten(text)))</pre>"
        case .table(let table):
            return tableHTML(table)
        case .chart(let chart):
            let caption = chart.title.map { "<figcaption>\(HTMLEscaping.escape($0))</figcaption>" } ?? ""
            return "<figure class=\"out-chart\">\(caption)\(ChartSVG.svg(chart))</figure>"
        case .images(let images, let title):
            var html = "<figure class=\"out-images\">"
            if let title { html += "<figcaption>\(HTMLEscaping.escape(title))</figcaption>" }
            html += "<div class=\"image-row\">" + images.map(imageHTML).joined() + "</div></figure>"
            return html
        case .markdown(let text):
            return "<div class=\"out-markdown\">\(markdown.render(text))</div>"
        case .error(let error):
            return errorHTML(error)
        }
    }

    static func tableHTML(_ table: OutputTable) -> String {
        var html = "<figure class=\"out-table\">"
        if let title = table.title { html += "<figcaption>\(HTMLEscaping.escape(title))</figcaption>" }
        html += "<div class=\"scroll\"><table><thead><tr>"
        // A column whose cells are all numbers gets a right-aligned header too.
        for (index, column) in table.columns.enumerated() {
            let numeric = !table.rows.isEmpty && table.rows.allSatisfy { row in
                guard index < row.count else { return true }
                if case .text = row[index] { return false }
                return true
            }
            html += numeric ? "<th style=\"text-align:right\">" : "<th>"
            html += HTMLEscaping.escape(column) + "</th>"
        }
        html += "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>"
            for cell in row {
                switch cell {
                case .text(let text): html += "<td>\(HTMLEscaping.escape(text))</td>"
                case .number(_, let display): html += "<td class=\"num\">\(HTMLEscaping.escape(display))</td>"
                case .missing: html += "<td class=\"num missing\" title=\"no value\">\u{2014}</td>"
                }
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div></figure>"
    }

    static func imageHTML(_ image: OutputImage) -> String {
        // Sizes come from the cache too: clamped so a damaged entry cannot overflow the arithmetic.
        let width = min(max(image.width, 0), 1 << 20), height = min(max(image.height, 0), 1 << 20)
        let alt = HTMLEscaping.escape(image.caption ?? "image \(width)\u{00D7}\(height)")
        // Small pictures (96x128 frames, label maps) are shown enlarged with crisp pixels.
        let scale = width > 0 ? max(1, min(4, 256 / width)) : 1
        let pixelated = scale > 1 ? " class=\"pixelated\"" : ""
        var html = "<figure style=\"width:\(width * scale)px\"><img\(pixelated) src=\"data:image/png;base64,\(image.png.base64EncodedString())\" width=\"\(width * scale)\" height=\"\(height * scale)\" alt=\"\(alt)\">"
        if let caption = image.caption { html += "<figcaption>\(HTMLEscaping.escape(caption))</figcaption>" }
        if !image.legend.isEmpty {
            html += "<ul class=\"legend\">"
            for entry in image.legend {
                let color = String(format: "#%02x%02x%02x", entry.red, entry.green, entry.blue)
                html += "<li><span class=\"swatch\" style=\"background:\(color)\"></span>\(HTMLEscaping.escape(entry.name))</li>"
            }
            html += "</ul>"
        }
        return html + "</figure>"
    }

    /// The error's place as a heading, then its message, the source line and underline (the same
    /// excerpt the terminal shows) and the call stack.
    static func errorHTML(_ error: LocatedDiagnostic) -> String {
        var place = "Error in \(error.source)"
        if let line = error.line { place += ", line \(line)" }
        if let column = error.column { place += ", column \(column)" }
        var body = error.message
        if !error.excerpt.isEmpty { body += "\n\n" + error.excerpt.map { "    " + $0 }.joined(separator: "\n") }
        if !error.notes.isEmpty { body += "\n\n" + error.notes.map { "  in \($0)" }.joined(separator: "\n") }
        return "<div class=\"out-error\" role=\"alert\"><div class=\"where\">\(HTMLEscaping.escape(place))</div><pre>\(HTMLEscaping.escape(body))</pre></div>"
    }
}
