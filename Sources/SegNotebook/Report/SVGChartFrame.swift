import Foundation

/// The parts every SVG chart of the report shares: the `<svg>` element, the plot area, the
/// horizontal grid with its y tick labels, x ticks and axis titles, so the charts look alike.
enum SVGChartFrame {
    /// A coordinate with one decimal, enough for screen pixels and short in the file.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The opening `<svg>` element of a chart `width` by `height` pixels.
    static func svgElement(width: Double, height: Double, ariaLabel: String) -> String {
        let w = String(format: "%.0f", width.rounded(.up)), h = String(format: "%.0f", height.rounded(.up))
        return "<svg class=\"chart\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(ariaLabel))\">"
    }

    /// The opening `<svg>`, the plot rectangle and one grid line and label per y tick.
    static func open(width: Double, height: Double, left: Double, top: Double, plotWidth: Double, plotHeight: Double,
                     ariaLabel: String, yScale: ChartScale, py: (Double) -> Double) -> String {
        let f = number
        var svg = svgElement(width: width, height: height, ariaLabel: ariaLabel)
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" class=\"plot\"/>"
        for tick in yScale.ticks {
            let y = py(tick)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" class=\"tick\" text-anchor=\"end\">\(HTMLEscaping.escape(yScale.label(tick)))</text>"
        }
        return svg
    }

    /// Vertical grid lines and labels at the x ticks, the two axes, and the axis titles.
    static func axes(xScale: ChartScale, px: (Double) -> Double, left: Double, top: Double, plotWidth: Double, plotHeight: Double,
                     height: Double, xLabel: String?, yLabel: String?) -> String {
        let f = number
        var svg = ""
        for tick in xScale.ticks {
            let x = px(tick)
            svg += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 18))\" class=\"tick\" text-anchor=\"middle\">\(HTMLEscaping.escape(xScale.label(tick)))</text>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>"
        if let xLabel {
            svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(xLabel))</text>"
        }
        if let yLabel {
            svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(yLabel))</text>"
        }
        return svg
    }
}

/// The SVG of any chart of the report, by its style: the one entry the report (and any other
/// renderer of cell outputs) calls.
public enum ChartSVG {
    /// Inline SVG for `chart`.
    public static func svg(_ chart: LineChart) -> String {
        switch chart.style {
        case .heatmap: return SVGHeatmap.svg(chart)
        case .histogram: return SVGHistogram.svg(chart)
        case .bars: return SVGBarChart.svg(chart)
        case .points: return SVGLineChart.svg(chart)
        case .lines: return chart.barLabels == nil ? SVGLineChart.svg(chart) : SVGBarChart.svg(chart)
        }
    }
}
