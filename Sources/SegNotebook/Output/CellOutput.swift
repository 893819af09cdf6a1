import Foundation
import SegScript

/// One output of a cell, in the order the cell produced it; what the report draws and the cache stores.
public enum CellOutput: Sendable, Equatable {
    /// Text the cell printed.
    case text(String)
    /// The display string of a value (a cell's last expression, or `show(x)` of a plain value).
    case value(String)
    /// A table (`table(rows)`, metric tables, `show` of dicts).
    case table(OutputTable)
    /// A chart (`plot.line`, `plot.lines`, `plot.bar`, `plot.hist`, `plot.scatter`, `plot.heatmap`).
    case chart(LineChart)
    /// One picture, or a row of pictures shown side by side.
    case images([OutputImage], title: String?)
    /// Markdown emitted with `md(text)`.
    case markdown(String)
    /// An error shown in place (a failing cell, or a caught error the cell chose to show), about
    /// the cell's label with notebook-file lines.
    case error(LocatedDiagnostic)
}

/// A table: column headers and rows of cells; numbers are right-aligned in the report.
public struct OutputTable: Sendable, Equatable {
    /// A caption above the table.
    public var title: String?
    /// The column headers.
    public var columns: [String]
    /// The rows, each as wide as `columns`.
    public var rows: [[TableCell]]

    /// Creates a table.
    public init(title: String? = nil, columns: [String], rows: [[TableCell]]) {
        self.title = title; self.columns = columns; self.rows = rows
    }
}

/// One table cell.
public enum TableCell: Sendable, Equatable {
    /// Text, left-aligned.
    case text(String)
    /// A number with its display form (for example "0.8123" or "81.2%"), right-aligned.
    case number(Double, display: String)
    /// No value (a class absent from the data): shown as an em dash.
    case missing
}

/// A line chart of one or more series.
public struct LineChart: Sendable, Equatable {
    /// The chart's title.
    public var title: String?
    /// The x axis label.
    public var xLabel: String?
    /// The y axis label.
    public var yLabel: String?
    /// The series, drawn in order with distinct colours.
    public var series: [ChartSeries]
    /// For a bar chart (`plot.bar`): one label per value of the single series; nil for lines.
    public var barLabels: [String]?
    /// How the series are drawn.
    public var style: ChartStyle = .lines
    /// A heatmap's column labels (its rows are the series, each named by its row label).
    public var columnLabels: [String]?

    /// Creates a chart.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, series: [ChartSeries]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }

    /// A bar chart of `values` by `labels`.
    public static func bars(title: String? = nil, yLabel: String? = nil, labels: [String], values: [Double]) -> LineChart {
        var chart = LineChart(title: title, yLabel: yLabel, series: [ChartSeries(name: yLabel ?? "value", y: values)])
        chart.barLabels = labels
        chart.style = .bars
        return chart
    }
}

/// How a chart draws its data.
public enum ChartStyle: UInt8, Sendable, Equatable {
    /// Lines through each series (`plot.line`, `plot.lines`).
    case lines = 0
    /// One bar per label of `barLabels` (`plot.bar`).
    case bars = 1
    /// Unconnected points at (x, y) (`plot.scatter`).
    case points = 2
    /// Counts per bin: the series' `x` holds the bin edges, one more than its counts (`plot.hist`).
    case histogram = 3
    /// A matrix shaded cell by cell with its numbers: one series per row (`plot.heatmap`).
    case heatmap = 4
}

/// One named series: y values, with x values or (when nil) 0, 1, 2, ...
public struct ChartSeries: Sendable, Equatable {
    /// The legend name.
    public var name: String
    /// The x values, as many as `y`; nil means the indices.
    public var x: [Double]?
    /// The y values; non-finite values leave gaps.
    public var y: [Double]

    /// Creates a series.
    public init(name: String, x: [Double]? = nil, y: [Double]) { self.name = name; self.x = x; self.y = y }
}

/// An encoded picture with an optional caption and colour legend (label maps).
public struct OutputImage: Sendable, Equatable {
    /// PNG file bytes.
    public var png: Data
    /// Pixel width.
    public var width: Int
    /// Pixel height.
    public var height: Int
    /// A caption under the picture.
    public var caption: String?
    /// Class names with their colours, for label maps and overlays.
    public var legend: [LegendEntry]

    /// Creates an image output.
    public init(png: Data, width: Int, height: Int, caption: String? = nil, legend: [LegendEntry] = []) {
        self.png = png; self.width = width; self.height = height; self.caption = caption; self.legend = legend
    }
}

/// A colour swatch and the class name it stands for.
public struct LegendEntry: Sendable, Equatable {
    /// The class name.
    public var name: String
    /// Red, green and blue, 0...255.
    public var red: UInt8, green: UInt8, blue: UInt8

    /// Creates a legend entry.
    public init(name: String, red: UInt8, green: UInt8, blue: UInt8) {
        self.name = name; self.red = red; self.green = green; self.blue = blue
    }
}
