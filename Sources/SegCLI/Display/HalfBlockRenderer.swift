import SegNotebook

/// Draws an RGB picture in a terminal with `▀` characters: the foreground colour paints the upper
/// pixel of each cell and the background colour the lower one, in 24-bit ANSI colour.
enum HalfBlockRenderer {
    /// The picture scaled (area-averaged) to at most `maxColumns` columns, as terminal lines.
    static func render(_ image: DisplayImage, maxColumns: Int) -> [String] {
        guard image.width > 0, image.height > 0, image.rgb.count >= image.width * image.height * 3 else {
            return []
        }
        let columns = max(1, min(image.width, maxColumns))
        let scale = Double(image.width) / Double(columns)
        var pixelRows = max(1, Int((Double(image.height) / scale).rounded()))
        if pixelRows % 2 == 1 { pixelRows += 1 }
        let rowScale = Double(image.height) / Double(pixelRows)
        var lines: [String] = []
        lines.reserveCapacity(pixelRows / 2)
        for textRow in 0..<(pixelRows / 2) {
            var line = ""
            for column in 0..<columns {
                let top = average(image, column: column, scale: scale, row: textRow * 2, rowScale: rowScale)
                let bottom = average(image, column: column, scale: scale, row: textRow * 2 + 1, rowScale: rowScale)
                line += "\u{1B}[38;2;\(top.0);\(top.1);\(top.2)m\u{1B}[48;2;\(bottom.0);\(bottom.1);\(bottom.2)m▀"
            }
            line += "\u{1B}[0m"
            lines.append(line)
        }
        return lines
    }

    /// A legend line: a coloured swatch before each class name.
    static func legend(_ entries: [LegendEntry]) -> String {
        entries.map { "\u{1B}[48;2;\($0.red);\($0.green);\($0.blue)m  \u{1B}[0m \($0.name)" }
            .joined(separator: "  ")
    }

    private static func average(_ image: DisplayImage, column: Int, scale: Double,
                                row: Int, rowScale: Double) -> (Int, Int, Int) {
        let x0 = min(image.width - 1, Int(Double(column) * scale))
        let x1 = max(x0 + 1, min(image.width, Int(Double(column + 1) * scale)))
        let y0 = min(image.height - 1, Int(Double(row) * rowScale))
        let y1 = max(y0 + 1, min(image.height, Int(Double(row + 1) * rowScale)))
        var r = 0, g = 0, b = 0
        image.rgb.withUnsafeBufferPointer { px in
            for y in y0..<y1 {
                var offset = (y * image.width + x0) * 3
                for _ in x0..<x1 {
                    r += Int(px[offset])
                    g += Int(px[offset + 1])
                    b += Int(px[offset + 2])
                    offset += 3
                }
            }
        }
        let n = (y1 - y0) * (x1 - x0)
        return (r / n, g / n, b / n)
    }
}
