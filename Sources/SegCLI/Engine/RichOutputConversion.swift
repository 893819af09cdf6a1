import Foundation
import SegBindings
import SegNotebook
import SegScript

/// Turns the bindings' rich outputs into the notebook's cell outputs (what the report draws and
/// the cache stores).
enum RichOutputConversion {
    /// The cell output for `output`, nil for kinds the notebook does not know (shown as text).
    static func convert(_ output: RichOutput) -> CellOutput? {
        switch output {
        case let image as ImageOutput:
            do {
                var pictures = try zip(image.images, image.captions).map { tensor, caption in
                    try OutputImage.encode(tensor, caption: caption, classNames: image.classNames, palette: image.palette)
                }
                // The bindings know the legends of overlays and grids, which the pixels no longer tell.
                for (index, legend) in image.legends.enumerated() where index < pictures.count && !legend.isEmpty {
                    pictures[index].legend = legend.map { entry in
                        LegendEntry(name: entry.name, red: entry.color.first ?? 0, green: entry.color.count > 1 ? entry.color[1] : 0,
                                                blue: entry.color.count > 2 ? entry.color[2] : 0)
                    }
                }
                return .images(pictures, title: image.title)
            } catch {
                return .text("cannot show the image: \(ErrorText.describe(error))\n")
            }
        case let chart as ChartOutput:
            if !chart.bars.isEmpty {
                return .chart(.bars(title: chart.title, yLabel: chart.yLabel,
                                    labels: chart.bars.map(\.label), values: chart.bars.map(\.value)))
            }
            var converted = LineChart(title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel,
                                      series: chart.series.map { ChartSeries(name: $0.name, x: $0.x, y: $0.y) })
            switch chart.style {
            case .lines, .bars: converted.style = .lines
            case .points: converted.style = .points
            case .histogram: converted.style = .histogram
            case .heatmap:
                converted.style = .heatmap
                converted.columnLabels = chart.columnLabels
            }
            return .chart(converted)
        case let table as TableOutput:
            return .table(OutputTable(title: table.title, columns: table.columns, rows: table.rows.map { $0.map(cell) }))
        case let markdown as MarkdownOutput:
            return .markdown(markdown.text)
        default:
            return nil
        }
    }

    private static func cell(_ v: Value) -> TableCell {
        switch v {
        case .null: return .missing
        case .int(let i): return .number(Double(i), display: "\(i)")
        case .float(let d):
            if d.isNaN { return .missing }
            return .number(d, display: String(format: "%.4f", d))
        case .string(let s): return .text(s)
        default: return .text(displayString(v))
        }
    }

    /// The files behind a value: a dataset's frames and masks.
    static func filesBehind(_ value: Value) -> [String] {
        if let ds = value.asObject as? DatasetObject { return ds.dataset.files }
        if let loader = value.asObject as? LoaderObject { return loader.loader.dataset.files }
        return []
    }
}
