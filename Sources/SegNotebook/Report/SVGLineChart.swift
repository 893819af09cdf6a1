import Foundation

/// Draws a `LineChart` as inline SVG: axes with nice ticks, grid, labels, legend, several series,
/// as lines or (for a scatter plot) as points.
enum SVGLineChart {
    static let width = 760.0, height = 360.0
    static let left = 64.0, right = 18.0, top = 34.0, bottom = 50.0
    /// A restrained palette that stays distinct in print.
    static let colors = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"]
    /// Most points a scatter plot draws; more are sampled evenly.
    static let maximumPoints = 20_000

    static func svg(_ chart: LineChart) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let asPoints = chart.style == .points
        let series = chart.series.map { series -> (name: String, points: [(Double, Double)]) in
            let xs = series.x ?? series.y.indices.map(Double.init)
            return (series.name, asPoints ? sample(x: xs, y: series.y) : ChartDownsampler.thin(x: xs, y: series.y, pixels: Int(plotWidth)))
        }
        let finite = series.flatMap(\.points).filter { $0.0.isFinite && $0.1.isFinite }
        let xScale = ChartScale.nice(min: finite.map(\.0).min() ?? 0, max: finite.map(\.0).max() ?? 1, count: 8)
        let yScale = ChartScale.nice(min: finite.map(\.1).min() ?? 0, max: finite.map(\.1).max() ?? 1, count: 5)
        func px(_ x: Double) -> Double { left + xScale.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - yScale.fraction(y) * plotHeight }
        let f = SVGChartFrame.number

        var svg = SVGChartFrame.open(width: width, height: height, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight,
                                     ariaLabel: chart.title ?? (asPoints ? "scatter plot" : "line chart"), yScale: yScale, py: py)
        svg += SVGChartFrame.axes(xScale: xScale, px: px, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight,
                                  height: height, xLabel: chart.xLabel, yLabel: chart.yLabel)
        for (index, item) in series.enumerated() {
            let color = colors[index % colors.count]
            var path = ""
            var penDown = false
            for (x, y) in item.points {
                guard x.isFinite, y.isFinite else { penDown = false; continue }
                // A point is a zero-length segment drawn with a round cap.
                path += asPoints ? "M" + f(px(x)) + " " + f(py(y)) + "h0" : (penDown ? "L" : "M") + f(px(x)) + " " + f(py(y))
                penDown = true
            }
            if asPoints {
                if !path.isEmpty {
                    svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-opacity=\"0.75\" stroke-width=\"5\" stroke-linecap=\"round\"/>"
                }
            } else if item.points.count == 1, let point = item.points.first, point.0.isFinite, point.1.isFinite {
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

    /// At most `maximumPoints` of the points, evenly spaced through the data.
    static func sample(x: [Double], y: [Double]) -> [(Double, Double)] {
        let count = min(x.count, y.count)
        guard count > maximumPoints else { return (0..<count).map { (x[$0], y[$0]) } }
        return (0..<maximumPoints).map { index in
            let source = index * count / maximumPoints
            return (x[source], y[source])
        }
    }
}
