import Foundation

/// Draws a `LineChart` as inline SVG: axes with nice ticks, grid, labels, legend, several series.
enum SVGLineChart {
    static let width = 760.0, height = 360.0
    static let left = 64.0, right = 18.0, top = 34.0, bottom = 50.0
    /// A restrained palette that stays distinct in print.
    static let colors = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"]

    static func svg(_ chart: LineChart) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let series = chart.series.map { series -> (name: String, points: [(Double, Double)]) in
            let xs = series.x ?? series.y.indices.map(Double.init)
            return (series.name, ChartDownsampler.thin(x: xs, y: series.y, pixels: Int(plotWidth)))
        }
        let finite = series.flatMap(\.points).filter { $0.0.isFinite && $0.1.isFinite }
        let xScale = ChartScale.nice(min: finite.map(\.0).min() ?? 0, max: finite.map(\.0).max() ?? 1, count: 8)
        let yScale = ChartScale.nice(min: finite.map(\.1).min() ?? 0, max: finite.map(\.1).max() ?? 1, count: 5)
        func px(_ x: Double) -> Double { left + (x - xScale.lower) / (xScale.upper - xScale.lower) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (y - yScale.lower) / (yScale.upper - yScale.lower) * plotHeight }
        let f = SVGChartFrame.number

        var svg = SVGChartFrame.open(width: width, height: height, left: left, top: top, plotWidth: plotWidth,
                                     plotHeight: plotHeight, ariaLabel: chart.title ?? "line chart", yScale: yScale, py: py)
        for tick in xScale.ticks {
            let x = px(tick)
            svg += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 18))\" class=\"tick\" text-anchor=\"middle\">\(HTMLEscaping.escape(xScale.label(tick)))</text>"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>"
        if let xLabel = chart.xLabel {
            svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(xLabel))</text>"
        }
        if let yLabel = chart.yLabel {
            svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" class=\"label\" text-anchor=\"middle\">\(HTMLEscaping.escape(yLabel))</text>"
        }
        for (index, item) in series.enumerated() {
            var path = ""
            var penDown = false
            for (x, y) in item.points {
                guard x.isFinite, y.isFinite else { penDown = false; continue }
                path += (penDown ? "L" : "M") + f(px(x)) + " " + f(py(y))
                penDown = true
            }
            let color = colors[index % colors.count]
            if item.points.count == 1, let point = item.points.first, point.0.isFinite, point.1.isFinite {
                svg += "<circle cx=\"\(f(px(point.0)))\" cy=\"\(f(py(point.1)))\" r=\"3\" fill=\"\(color)\"/>"
            } else if !path.isEmpty {
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>"
            }
        }
        // Legend along the top, right-aligned runs of swatch + name.
        var x = left + plotWidth
        for (index, item) in series.enumerated().reversed() {
            let name = HTMLEscaping.escape(item.name)
            let textWidth = Double(item.name.count) * 6.6
            x -= textWidth
            svg += "<text x=\"\(f(x))\" y=\"\(f(top - 12))\" class=\"legend\">\(name)</text>"
            x -= 20
            svg += "<rect x=\"\(f(x))\" y=\"\(f(top - 20))\" width=\"14\" height=\"3\" fill=\"\(colors[index % colors.count])\"/>"
            x -= 14
        }
        return svg + "</svg>"
    }
}
