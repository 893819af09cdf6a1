import Foundation
import SegScript
import SegTensor

extension Bindings {
    /// Largest heatmap side: a 200x200 matrix is already 40,000 shaded cells in the report.
    static let heatmapMaximumSide = 200
    /// Most histogram bins.
    static let histogramMaximumBins = 1000

    /// The `plot` module: line charts, bars, points, histograms and heatmaps.
    static func registerPlotModule(into registry: Registry) {
        registry.register(module: "plot", doc: "Charts: line charts, bar charts, histograms, scatter plots and heatmaps", builtins: [
            Builtin("line", [Param("ys"), .optional("x"), .optional("title"), .optional("xlabel"), .optional("ylabel")],
                    doc: "A line chart of one series") { a in
                let x = try a[1].isNull ? nil : numbers(a, 1)
                let s = ChartOutput.Series(name: try a.optionalString(4) ?? "y", x: x, y: try numbers(a, 0))
                a.interpreter.sink.rich(ChartOutput(series: [s], title: try a.optionalString(2),
                                                    xLabel: try a.optionalString(3), yLabel: try a.optionalString(4)))
                return .null
            },
            Builtin("lines", [Param("series"), .optional("x"), .optional("title"), .optional("xlabel"), .optional("ylabel")],
                    doc: "A line chart of several named series: {name: ys}") { a in
                let x = try a[1].isNull ? nil : numbers(a, 1)
                var series: [ChartOutput.Series] = []
                for (name, ys) in try a.dict(0).pairs {
                    guard let list = ys.asList else { throw ScriptError("lines(): series '\(name)' must be a List of numbers") }
                    let y = try list.map { v -> Double in
                        guard let d = v.asDouble else { throw ScriptError("lines(): series '\(name)' holds a \(v.typeName)") }
                        return d
                    }
                    series.append(ChartOutput.Series(name: name, x: x, y: y))
                }
                a.interpreter.sink.rich(ChartOutput(series: series, title: try a.optionalString(2),
                                                    xLabel: try a.optionalString(3), yLabel: try a.optionalString(4)))
                return .null
            },
            Builtin("bar", [Param("labels"), Param("values"), .optional("title"), .optional("ylabel")],
                    doc: "A bar chart of values by label") { a in
                let labels = try a.sequence(0).map { v -> String in v.asString ?? displayString(v) }
                let values = try numbers(a, 1)
                guard labels.count == values.count else {
                    throw ScriptError("bar(): \(labels.count) labels but \(values.count) values")
                }
                a.interpreter.sink.rich(ChartOutput(bars: Array(zip(labels, values)).map { (label: $0.0, value: $0.1) },
                                                    title: try a.optionalString(2), xLabel: nil, yLabel: try a.optionalString(3)))
                return .null
            },
            Builtin("hist", [Param("values"), Param("bins", .int(20)), .optional("title"), .optional("xlabel")],
                    doc: "A histogram of the finite values in equal-width bins") { a in
                let bins = try a.int(1)
                guard (1...histogramMaximumBins).contains(bins) else {
                    throw ScriptError("hist(): bins must be between 1 and \(histogramMaximumBins), not \(bins)")
                }
                let (edges, counts) = histogram(try numbers(a, 0), bins: bins)
                a.interpreter.sink.rich(ChartOutput(series: [ChartOutput.Series(name: "count", x: edges, y: counts)],
                                                    title: try a.optionalString(2), xLabel: try a.optionalString(3), yLabel: "count",
                                                    style: .histogram))
                return .null
            },
            Builtin("scatter", [Param("xs"), Param("ys"), .optional("title"), .optional("xlabel"), .optional("ylabel")],
                    doc: "A scatter plot of points (xs[i], ys[i])") { a in
                let xs = try numbers(a, 0), ys = try numbers(a, 1)
                guard xs.count == ys.count else { throw ScriptError("scatter(): \(xs.count) xs but \(ys.count) ys") }
                a.interpreter.sink.rich(ChartOutput(series: [ChartOutput.Series(name: try a.optionalString(4) ?? "y", x: xs, y: ys)],
                                                    title: try a.optionalString(2), xLabel: try a.optionalString(3),
                                                    yLabel: try a.optionalString(4), style: .points))
                return .null
            },
            Builtin("heatmap", [Param("matrix"), .optional("xlabels"), .optional("ylabels"), Param("normalize", .string("none")),
                                .optional("title"), .optional("xlabel"), .optional("ylabel")],
                    doc: "A matrix shaded cell by cell with its numbers (a confusion matrix); normalize: \"none\" or \"rows\"") { a in
                try heatmap(a)
            },
        ])
    }

    /// `plot.heatmap`: checks the matrix and labels, normalises rows when asked, emits the chart.
    static func heatmap(_ a: Arguments) throws -> Value {
        var rows = try matrixRows(a[0], interpreter: a.interpreter)
        let columns = rows.first?.count ?? 0
        guard !rows.isEmpty, columns > 0 else { throw ScriptError("heatmap(): the matrix is empty") }
        guard rows.count <= heatmapMaximumSide, columns <= heatmapMaximumSide else {
            throw ScriptError("heatmap(): a \(rows.count)x\(columns) matrix is too large to show (at most \(heatmapMaximumSide) rows and columns)")
        }
        let xLabels = try a[1].isNull ? (0..<columns).map(String.init) : a.sequence(1).map { $0.asString ?? displayString($0) }
        let yLabels = try a[2].isNull ? (0..<rows.count).map(String.init) : a.sequence(2).map { $0.asString ?? displayString($0) }
        guard xLabels.count == columns else {
            throw ScriptError("heatmap(): xlabels holds \(counted(xLabels.count, "name")) but the matrix has \(counted(columns, "column"))")
        }
        guard yLabels.count == rows.count else {
            throw ScriptError("heatmap(): ylabels holds \(counted(yLabels.count, "name")) but the matrix has \(counted(rows.count, "row"))")
        }
        switch try a.string(3) {
        case "none": break
        case "rows":
            rows = rows.map { row in
                // Halving before summing keeps rows of values near the largest Double finite.
                let halfSum = row.filter(\.isFinite).reduce(0) { $0 + $1 / 2 }
                return row.map { halfSum > 0 ? $0 / 2 / halfSum : .nan }
            }
        case let other: throw ScriptError("heatmap(): normalize must be \"none\" or \"rows\", not \"\(other)\"")
        }
        let series = zip(yLabels, rows).map { ChartOutput.Series(name: $0.0, x: nil, y: $0.1) }
        a.interpreter.sink.rich(ChartOutput(series: series, title: try a.optionalString(4), xLabel: try a.optionalString(5),
                                            yLabel: try a.optionalString(6), style: .heatmap, columnLabels: xLabels))
        return .null
    }

    /// A rectangular matrix from a 2-D tensor or a List of Lists of numbers.
    static func matrixRows(_ value: Value, interpreter: Interpreter) throws -> [[Double]] {
        if let tensor = value.asTensor {
            guard tensor.rank == 2 else { throw ScriptError("heatmap(): the matrix must be 2-D, not of shape \(tensor.shape)") }
            guard tensor.shape[0] <= heatmapMaximumSide, tensor.shape[1] <= heatmapMaximumSide else {
                throw ScriptError("heatmap(): a \(tensor.shape[0])x\(tensor.shape[1]) matrix is too large to show (at most \(heatmapMaximumSide) rows and columns)")
            }
            let values = tensor.doubles()
            let columns = tensor.shape[1]
            return (0..<tensor.shape[0]).map { Array(values[$0 * columns..<($0 + 1) * columns]) }
        }
        let rows = try interpreter.iterate(value)
        return try rows.enumerated().map { index, row -> [Double] in
            guard let items = row.asList else { throw ScriptError("heatmap(): row \(index) is a \(row.typeName), not a List of numbers") }
            let numbers = try items.map { item -> Double in
                guard let number = item.asDouble else { throw ScriptError("heatmap(): row \(index) holds a \(item.typeName)") }
                return number
            }
            if index > 0, numbers.count != (rows.first?.asList?.count ?? 0) {
                throw ScriptError("heatmap(): row \(index) holds \(counted(numbers.count, "number")) but row 0 holds \(rows.first?.asList?.count ?? 0)")
            }
            return numbers
        }
    }

    /// `1 row`, `3 rows`.
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// Equal-width bins over the finite values (non-finite ones are left out): `bins + 1` edges and
    /// `bins` counts. The arithmetic works on halves, so values near the largest Double stay finite.
    static func histogram(_ values: [Double], bins: Int) -> (edges: [Double], counts: [Double]) {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else {
            return ((0...bins).map { Double($0) / Double(bins) }, Array(repeating: 0, count: bins))
        }
        if low == high {
            let pad = abs(low) > 1e-300 ? abs(low) * 0.05 : 0.5
            low = Swift.max(low - pad, -Double.greatestFiniteMagnitude)
            high = Swift.min(high + pad, Double.greatestFiniteMagnitude)
        }
        let halfSpan = high / 2 - low / 2
        var counts = [Double](repeating: 0, count: bins)
        for value in finite {
            let position = (value / 2 - low / 2) / halfSpan * Double(bins)
            // Clamped before Int(): the conversion stays in range whatever the value.
            counts[position.isFinite ? Int(Swift.min(Swift.max(position, 0), Double(bins - 1))) : 0] += 1
        }
        let edges = (0...bins).map { index -> Double in
            let t = Double(index) / Double(bins)
            return low * (1 - t) + high * t
        }
        return (edges, counts)
    }
}
