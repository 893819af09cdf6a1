import SegScript
import SegTensor

/// One picture or a row of pictures: tensors as `show` received them, with captions and the
/// palette and class names used to colour label maps.
public final class ImageOutput: RichOutput {
    /// Float `[C, H, W]` pictures or int32 `[H, W]` label maps.
    public let images: [Tensor]
    /// One caption per picture (nil for none).
    public let captions: [String?]
    /// The title above the row.
    public let title: String?
    /// Colours of label-map classes.
    public let palette: [[UInt8]]
    /// Names of label-map classes (for the legend).
    public let classNames: [String]
    /// One legend per picture: the classes a label map, overlay or grid of label maps shows
    /// (empty for a plain picture; when the list is empty, label maps get theirs from `classNames`).
    public let legends: [[LegendClass]]

    /// A row of pictures.
    public init(images: [Tensor], captions: [String?], title: String?, palette: [[UInt8]], classNames: [String],
                legends: [[LegendClass]] = []) {
        (self.images, self.captions, self.title) = (images, captions, title)
        (self.palette, self.classNames, self.legends) = (palette, classNames, legends)
    }
    public var kind: String { "image" }
    public var textFallback: String {
        let shapes = images.map { "\($0.shape)" }.joined(separator: ", ")
        return "<image\(title.map { " \"\($0)\"" } ?? "") \(shapes)>"
    }
}

/// A chart: line series, bars, points, a histogram or a heatmap.
public final class ChartOutput: RichOutput {
    /// How the data is drawn.
    public enum Style: Sendable {
        /// Lines through each series (`plot.line`, `plot.lines`).
        case lines
        /// One bar per label (`plot.bar`).
        case bars
        /// Unconnected points at (x, y) (`plot.scatter`).
        case points
        /// Counts per bin: the one series has the bin edges as `x` (one more than its counts).
        case histogram
        /// A shaded matrix: one series per row, `columnLabels` across (`plot.heatmap`).
        case heatmap
    }
    /// One line.
    public struct Series {
        public var name: String
        public var x: [Double]?
        public var y: [Double]
        /// A series; `x` nil means 0, 1, 2, ...
        public init(name: String, x: [Double]?, y: [Double]) {
            self.name = name
            self.x = x
            self.y = y
        }
    }
    /// Line series (empty for a bar chart).
    public let series: [Series]
    /// Bar labels and values (empty for a line chart).
    public let bars: [(label: String, value: Double)]
    public let title: String?
    public let xLabel: String?
    public let yLabel: String?
    /// How `series` is drawn (bars when `bars` is given).
    public let style: Style
    /// A heatmap's column labels.
    public let columnLabels: [String]

    /// A chart of `series` (drawn as `style`) or `bars`.
    public init(series: [Series] = [], bars: [(label: String, value: Double)] = [], title: String?, xLabel: String?, yLabel: String?,
                style: Style = .lines, columnLabels: [String] = []) {
        self.series = series
        self.bars = bars
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.style = bars.isEmpty ? style : .bars
        self.columnLabels = columnLabels
    }
    public var kind: String { "chart" }
    public var textFallback: String {
        var lines = ["<chart\(title.map { " \"\($0)\"" } ?? "")>"]
        if style == .heatmap {
            lines[0] = "<heatmap\(title.map { " \"\($0)\"" } ?? "") \(series.count)x\(columnLabels.count)>"
            for row in series { lines.append("  \(row.name): " + row.y.map { String(format: "%.4g", $0) }.joined(separator: " ")) }
            return lines.joined(separator: "\n")
        }
        for s in series {
            let last = s.y.last.map { String(format: "%.4g", $0) } ?? "-"
            lines.append("  \(s.name): \(s.y.count) points, last \(last)")
        }
        for b in bars { lines.append("  \(b.label): \(String(format: "%.4g", b.value))") }
        return lines.joined(separator: "\n")
    }
}

/// A table of values with column headers.
public final class TableOutput: RichOutput {
    public let title: String?
    public let columns: [String]
    /// Cells as Seg values (numbers stay numbers; nil is a missing value).
    public let rows: [[Value]]

    /// A table.
    public init(title: String?, columns: [String], rows: [[Value]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
    public var kind: String { "table" }
    public var textFallback: String {
        var out = title.map { [$0] } ?? []
        out.append(columns.joined(separator: " | "))
        for row in rows { out.append(row.map(TableOutput.cellText).joined(separator: " | ")) }
        return out.joined(separator: "\n")
    }

    /// How one cell reads as text.
    public static func cellText(_ v: Value) -> String {
        switch v {
        case .null: return "—"
        case .float(let d): return d.isNaN ? "—" : String(format: "%.4f", d)
        case .string(let s): return s
        default: return displayString(v)
        }
    }
}

/// Markdown emitted by `md(text)`.
public final class MarkdownOutput: RichOutput {
    public let text: String
    /// Markdown source.
    public init(_ text: String) { self.text = text }
    public var kind: String { "markdown" }
    public var textFallback: String { text }
}
