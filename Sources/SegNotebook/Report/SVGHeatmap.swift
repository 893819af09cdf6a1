import Foundation

/// A heatmap (`plot.heatmap`, a confusion matrix) as inline SVG: one shaded square per value with
/// the value written in it, row labels on the left and column labels slanted underneath.
enum SVGHeatmap {
    /// The matrix area aims at this many pixels across; cells stay between 8 and 46 pixels.
    static let targetWidth = 620.0
    static let characterWidth = 6.6

    static func svg(_ chart: LineChart) -> String {
        let rows = chart.series
        let columns = chart.columnLabels ?? (0..<(rows.map(\.y.count).max() ?? 0)).map(String.init)
        let finite = rows.flatMap(\.y).filter(\.isFinite)
        let low = min(finite.min() ?? 0, 0), high = finite.max() ?? 1
        let shade = ChartScale(lower: low, upper: high > low ? high : low + 1, ticks: [], step: 1)
        let format = numberFormat(finite)
        let cell = min(46, max(8, (targetWidth / Double(max(columns.count, 1))).rounded(.down)))
        let showNumbers = cell >= 22
        let longestRow = Double(rows.map(\.name.count).max() ?? 1)
        let longestColumn = Double(columns.map(\.count).max() ?? 1)
        let axisTitle = 20.0
        let left = min(180, 12 + longestRow * characterWidth) + (chart.yLabel == nil ? 0 : axisTitle)
        let top = 8.0
        let gridWidth = cell * Double(columns.count), gridHeight = cell * Double(rows.count)
        // Column labels slant at 45 degrees: their height is about 0.72 of their length.
        let labelsHeight = min(150, 12 + longestColumn * characterWidth * 0.72)
        let width = left + gridWidth + max(16, labelsHeight * 0.72)
        let height = top + gridHeight + labelsHeight + (chart.xLabel == nil ? 0 : axisTitle)
        let f = SVGChartFrame.number

        var svg = SVGChartFrame.svgElement(width: width, height: height, ariaLabel: chart.title ?? "heatmap")
        let fontSize = min(11, max(7, cell * 0.3))
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * cell
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + cell / 2 + 4))\" class=\"tick\" text-anchor=\"end\">\(HTMLEscaping.escape(row.name))</text>"
            for c in 0..<columns.count {
                let value = c < row.y.count ? row.y[c] : .nan
                let x = left + Double(c) * cell
                let t = value.isNaN ? 0 : min(max(shade.fraction(value), 0), 1)
                let fill = value.isNaN ? "#f3f4f6" : color(t)
                let text = value.isNaN ? "\u{2013}" : format(value)
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cell))\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"1\">"
                svg += "<title>\(HTMLEscaping.escape(row.name)) \u{2192} \(HTMLEscaping.escape(columns[c])): \(HTMLEscaping.escape(text))</title></rect>"
                if showNumbers {
                    let ink = t > 0.55 ? "#fff" : "#1f2328"
                    svg += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + cell / 2 + fontSize * 0.35))\" font-size=\"\(f(fontSize))\" fill=\"\(ink)\" text-anchor=\"middle\">\(HTMLEscaping.escape(text))</text>"
                }
            }
        }
        let labelTop = top + gridHeight + 8
        for (c, label) in columns.enumerated() {
            let x = left + Double(c) * cell + cell / 2
            svg += "<text x=\"\(f(x))\" y=\"\(f(labelTop))\" class=\"tick\" text-anchor=\"start\" transform=\"rotate(45 \(f(x)) \(f(labelTop)))\">\(HTMLEscaping.escape(label))</text>"
        }
        if let xLabel = chart.xLabel {
            svg += "<text x=\"\(f(left + gridWidth / 2))\" y=\"\(f(height - 6))\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(xLabel))</text>"
        }
        if let yLabel = chart.yLabel {
            svg += "<text transform=\"translate(14 \(f(top + gridHeight / 2))) rotate(-90)\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(yLabel))</text>"
        }
        return svg + "</svg>"
    }

    /// A light-to-dark blue ramp: near white at 0, mid blue at 0.5, deep blue at 1.
    static func color(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(247, 251, 255), (107, 174, 214), (8, 48, 107)]
        let position = (t.isNaN ? 0 : min(max(t, 0), 1)) * 2
        let index = position >= 1 ? 1 : 0
        let local = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        func mix(_ p: Double, _ q: Double) -> Double { (p + (q - p) * local).rounded() }
        return String(format: "#%02x%02x%02x", Int(mix(a.0, b.0)), Int(mix(a.1, b.1)), Int(mix(a.2, b.2)))
    }

    /// How the cells write their values: whole counts compactly (12.3k, 4.56M), fractions with two
    /// decimals, anything else with three significant digits.
    static func numberFormat(_ values: [Double]) -> (Double) -> String {
        let whole = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
        let fractions = values.allSatisfy { abs($0) <= 1 }
        return { value in
            if value.isInfinite { return value > 0 ? "inf" : "-inf" }
            if whole {
                let magnitude = abs(value)
                if magnitude >= 1e9 { return String(format: "%.3gG", value / 1e9) }
                if magnitude >= 1e6 { return String(format: "%.3gM", value / 1e6) }
                if magnitude >= 1e4 { return String(format: "%.3gk", value / 1e3) }
                return String(format: "%.0f", value)
            }
            return fractions ? String(format: "%.2f", value) : String(format: "%.3g", value)
        }
    }
}
