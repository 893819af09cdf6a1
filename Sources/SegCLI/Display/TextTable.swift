/// Lays a table out as aligned text: numbers right-aligned, everything else left-aligned.
enum TextTable {
    /// The table's lines: optional title, header, rule, rows.
    static func render(_ table: DisplayTable) -> [String] {
        let columnCount = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return table.title.map { [$0] } ?? [] }
        func cell(_ row: [String], _ i: Int) -> String { i < row.count ? row[i] : "" }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in [table.columns] + table.rows {
            for i in 0..<columnCount { widths[i] = max(widths[i], cell(row, i).count) }
        }
        func line(_ row: [String]) -> String {
            (0..<columnCount).map { i -> String in
                let text = cell(row, i)
                let pad = String(repeating: " ", count: widths[i] - text.count)
                return looksNumeric(text) ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines: [String] = []
        if let title = table.title { lines.append(title) }
        if !table.columns.isEmpty {
            lines.append(line(table.columns))
            lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        }
        lines += table.rows.map(line)
        return lines
    }

    private static func looksNumeric(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        return (first.isNumber || first == "-" || first == "+") && Double(text.trimming("%")) != nil
    }
}
