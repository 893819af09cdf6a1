import Foundation

/// The parts every SVG chart of the report shares: the `<svg>` element, the plot area and the
/// horizontal grid with its y tick labels, so line and bar charts look alike.
enum SVGChartFrame {
    /// A coordinate with one decimal, enough for screen pixels and short in the file.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The opening `<svg>`, the plot rectangle and one grid line and label per y tick.
    static func open(width: Double, height: Double, left: Double, top: Double, plotWidth: Double, plotHeight: Double,
                     ariaLabel: String, yScale: ChartScale, py: (Double) -> Double) -> String {
        let f = number
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\""
        svg += " aria-label=\"\(HTMLEscaping.escape(ariaLabel))\">"
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" class=\"plot\"/>"
        for tick in yScale.ticks {
            let y = py(tick)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" class=\"tick\" text-anchor=\"end\">\(HTMLEscaping.escape(yScale.label(tick)))</text>"
        }
        return svg
    }
}
