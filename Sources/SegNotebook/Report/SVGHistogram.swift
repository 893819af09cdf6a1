import Foundation

/// A histogram (`plot.hist`) as inline SVG: adjacent bars over the bin edges on a numeric x axis.
enum SVGHistogram {
    static let width = 760.0, height = 360.0
    static let left = 64.0, right = 18.0, top = 20.0, bottom = 50.0

    static func svg(_ chart: LineChart) -> String {
        let edges = chart.series.first?.x ?? []
        let counts = chart.series.first?.y ?? []
        let bins = min(counts.count, max(edges.count - 1, 0))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let finiteEdges = edges.prefix(bins + 1).filter(\.isFinite)
        let finiteCounts = counts.prefix(bins).filter(\.isFinite)
        let xScale = ChartScale.nice(min: finiteEdges.min() ?? 0, max: finiteEdges.max() ?? 1, count: 8)
        let yScale = ChartScale.nice(min: 0, max: max(finiteCounts.max() ?? 1, 1), count: 5)
        func px(_ x: Double) -> Double { left + xScale.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - yScale.fraction(y) * plotHeight }
        let f = SVGChartFrame.number

        var svg = SVGChartFrame.open(width: width, height: height, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight,
                                     ariaLabel: chart.title ?? "histogram", yScale: yScale, py: py)
        svg += SVGChartFrame.axes(xScale: xScale, px: px, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight,
                                  height: height, xLabel: chart.xLabel, yLabel: chart.yLabel)
        for bin in 0..<bins {
            let low = edges[bin], high = edges[bin + 1], count = counts[bin]
            guard low.isFinite, high.isFinite, count.isFinite, count > 0 else { continue }
            let x0 = px(low), x1 = px(high), y = py(count)
            svg += "<rect x=\"\(f(x0))\" y=\"\(f(y))\" width=\"\(f(max(x1 - x0, 0.5)))\" height=\"\(f(max(top + plotHeight - y, 0)))\" fill=\"#2563eb\" stroke=\"#fff\" stroke-width=\"0.5\">"
            svg += "<title>\(HTMLEscaping.escape(xScale.label(low)))–\(HTMLEscaping.escape(xScale.label(high))): \(String(format: "%.0f", count))</title></rect>"
        }
        return svg + "</svg>"
    }
}
