import Foundation

/// A bar chart (`plot.bar`) as inline SVG: one bar per label, values from zero, labels rotated
/// under the bars.
enum SVGBarChart {
    static let width = 760.0, height = 380.0
    static let left = 64.0, right = 18.0, top = 24.0, bottom = 90.0

    static func svg(_ chart: LineChart) -> String {
        let labels = chart.barLabels ?? []
        let values = chart.series.first?.y ?? []
        let n = min(labels.count, values.count)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let finite = values.prefix(n).filter(\.isFinite)
        let scale = ChartScale.nice(min: min(0, finite.min() ?? 0), max: max(finite.max() ?? 1, 1e-12), count: 5)
        func py(_ y: Double) -> Double { top + plotHeight - scale.fraction(y) * plotHeight }
        let f = SVGChartFrame.number
        var svg = SVGChartFrame.open(width: width, height: height, left: left, top: top, plotWidth: plotWidth,
                                     plotHeight: plotHeight, ariaLabel: chart.title ?? "bar chart", yScale: scale, py: py)
        let slot = n > 0 ? plotWidth / Double(n) : plotWidth
        for i in 0..<n where values[i].isFinite {
            let x = left + Double(i) * slot + slot * 0.15
            let y0 = py(0), y1 = py(values[i])
            svg += "<rect x=\"\(f(x))\" y=\"\(f(min(y0, y1)))\" width=\"\(f(slot * 0.7))\" height=\"\(f(abs(y0 - y1)))\" fill=\"#2563eb\">"
            svg += "<title>\(HTMLEscaping.escape(labels[i])): \(HTMLEscaping.escape(scale.label(values[i])))</title></rect>"
            let lx = x + slot * 0.35, ly = top + plotHeight + 12
            svg += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" class=\"tick\" text-anchor=\"end\" transform=\"rotate(-40 \(f(lx)) \(f(ly)))\">\(HTMLEscaping.escape(labels[i]))</text>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(py(0)))\" y2=\"\(f(py(0)))\" class=\"axis\"/>"
        if let yLabel = chart.yLabel {
            svg += "<text x=\"14\" y=\"\(f(top + plotHeight / 2))\" class=\"label\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + plotHeight / 2)))\">\(HTMLEscaping.escape(yLabel))</text>"
        }
        return svg + "</svg>"
    }
}
