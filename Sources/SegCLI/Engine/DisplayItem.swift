import SegNotebook

/// One output of a REPL line or a notebook cell, in the order the code produced it.
public enum DisplayItem {
    /// Text written by `print` (already newline-terminated when the program printed a line).
    case text(String)
    /// The compact display of a line's last value (the engine's own formatting).
    case value(String)
    /// A picture or label map from `show(...)`.
    case image(DisplayImage)
    /// A table from `table(...)` or `show(dicts)`.
    case table(DisplayTable)
    /// A line chart from `plot.line(...)` / `plot.lines(...)`.
    case chart(DisplayChart)
    /// Markdown text from `md(...)` or a Markdown cell.
    case markdown(String)
    /// A warning from the runtime (a cache entry recomputed, a value that cannot be stored...).
    case warning(String)
}

/// An RGB picture with an optional class legend, as the REPL needs it to preview or save it.
public struct DisplayImage {
    /// Caption shown above the preview.
    public var title: String?
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Row-major interleaved RGB bytes, `width * height * 3` of them.
    public var rgb: [UInt8]
    /// Classes present in a label map, with their palette colours.
    public var legend: [LegendEntry]
    /// Encodes the picture as PNG; nil when no encoder is available.
    public var encodePNG: (() throws -> [UInt8])?

    /// Makes an image; `rgb` must hold `width * height * 3` bytes.
    public init(title: String? = nil, width: Int, height: Int, rgb: [UInt8],
                legend: [LegendEntry] = [], encodePNG: (() throws -> [UInt8])? = nil) {
        self.title = title
        self.width = width
        self.height = height
        self.rgb = rgb
        self.legend = legend
        self.encodePNG = encodePNG
    }
}

/// A table of already formatted cells.
public struct DisplayTable: Equatable {
    /// Optional caption.
    public var title: String?
    /// Column headers.
    public var columns: [String]
    /// Rows of cells, each as many as `columns`.
    public var rows: [[String]]

    /// Makes a table.
    public init(title: String? = nil, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// A line chart's data, summarised in the terminal.
public struct DisplayChart {
    /// One named series of y values.
    public struct Series: Equatable {
        /// Legend name.
        public var name: String
        /// The y values in order.
        public var values: [Double]
        /// Makes a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Chart title.
    public var title: String?
    /// The series drawn.
    public var series: [Series]
    /// Renders the chart as SVG text; nil when no renderer is available.
    public var renderSVG: (() -> String)?

    /// Makes a chart.
    public init(title: String? = nil, series: [Series], renderSVG: (() -> String)? = nil) {
        self.title = title
        self.series = series
        self.renderSVG = renderSVG
    }
}
