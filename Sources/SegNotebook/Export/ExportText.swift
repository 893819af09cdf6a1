import Foundation

/// The pieces both exports share: charts as SVG files that stand alone, text forms of tables,
/// charts and pictures.
enum ExportText {
    /// The report styles its charts from its stylesheet; a chart opened on its own (Jupyter,
    /// GitHub and Markdown viewers show SVG through `<img>`) carries the same rules inside.
    static let chartStyle = """
        <style>.plot{fill:#fff}.grid{stroke:#eaeef2;stroke-width:1}.axis{stroke:#8c959f;stroke-width:1}\
        .tick{font-size:11px;fill:#57606a}.label{font-size:12px;fill:#1f2328}.legend{font-size:11px;fill:#1f2328}\
        .title{font-size:13px;font-weight:600;fill:#1f2328}text{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}</style>
        """

    /// A chart as a standalone SVG document (namespace, styles and title included: the report
    /// puts the title in a caption outside the chart).
    static func standaloneSVG(_ chart: LineChart) -> String {
        let svg = ChartSVG.svg(chart)
        guard svg.hasPrefix("<svg "), let close = svg.firstIndex(of: ">") else { return svg }
        let opening = "<svg xmlns=\"http://www.w3.org/2000/svg\" " + svg[svg.index(svg.startIndex, offsetBy: 5)..<close] + ">"
        let title = chart.title.map { "<text x=\"8\" y=\"16\" class=\"title\">\(HTMLEscaping.escape($0))</text>" } ?? ""
        return opening + chartStyle + title + svg[svg.index(after: close)...] + "\n"
    }

    /// `chart: Loss per epoch (train, val)`.
    static func chartSummary(_ chart: LineChart) -> String {
        "chart" + (chart.title.map { ": \($0)" } ?? "") + " (" + chart.series.map(\.name).joined(separator: ", ") + ")"
    }

    /// `A frame and its labels: frame.png, image 256x192`.
    static func imageSummary(_ image: OutputImage, title: String?) -> String {
        var parts: [String] = []
        if let title { parts.append(title) }
        if let caption = image.caption, caption != title { parts.append(caption) }
        parts.append("image \(image.width)x\(image.height)")
        return parts.joined(separator: ": ")
    }

    /// A table's cells as text.
    static func cellText(_ cell: TableCell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(_, let display): return display
        case .missing: return "\u{2014}"
        }
    }

    /// A table in aligned plain text.
    static func plainTable(_ table: OutputTable) -> String {
        let rows = [table.columns] + table.rows.map { $0.map(cellText) }
        let widths = table.columns.indices.map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        var lines: [String] = []
        if let title = table.title { lines.append(title) }
        for row in rows {
            lines.append(row.enumerated().map { column, text in
                column < widths.count ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0) : text
            }.joined(separator: "  ").trimmingTrailingSpaces)
        }
        return lines.joined(separator: "\n")
    }

    /// A table as a Markdown (GitHub) pipe table; numbers right-aligned.
    static func markdownTable(_ table: OutputTable) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\n", with: " ")
        }
        var lines: [String] = []
        if let title = table.title { lines.append("*\(escape(title))*\n") }
        lines.append("| " + table.columns.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + table.columns.indices.map { column in
            let numeric = !table.rows.isEmpty && table.rows.allSatisfy { row in
                guard column < row.count, case .text = row[column] else { return true }
                return false
            }
            return numeric ? " ---: |" : " --- |"
        }.joined())
        for row in table.rows {
            let cells = table.columns.indices.map { column in column < row.count ? escape(cellText(row[column])) : "" }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Without spaces at the end.
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
