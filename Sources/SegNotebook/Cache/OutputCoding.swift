import Foundation
import SegScript

/// Binary encoding of cell outputs for cache entries (PNG bytes and chart series stay binary).
enum OutputCoding {
    static func write(_ outputs: [CellOutput], to writer: inout ByteWriter<Data>) {
        writer.u32(UInt32(outputs.count))
        for output in outputs { write(output, to: &writer) }
    }

    static func read(from reader: inout ByteReader<Data>) throws -> [CellOutput] {
        let count = try reader.count32()
        return try (0..<count).map { _ in try readOne(from: &reader) }
    }

    static func write(_ output: CellOutput, to writer: inout ByteWriter<Data>) {
        switch output {
        case .text(let text): writer.u8(0); writer.string(text)
        case .value(let text): writer.u8(1); writer.string(text)
        case .table(let table):
            writer.u8(2)
            writer.optionalString(table.title)
            writer.strings(table.columns)
            writer.u32(UInt32(table.rows.count))
            for row in table.rows {
                writer.u32(UInt32(row.count))
                for cell in row {
                    switch cell {
                    case .text(let text): writer.u8(0); writer.string(text)
                    case .number(let value, let display): writer.u8(1); writer.double(value); writer.string(display)
                    case .missing: writer.u8(2)
                    }
                }
            }
        case .chart(let chart) where chart.style == .points || chart.style == .histogram || chart.style == .heatmap:
            writer.u8(8)
            writer.u8(chart.style.rawValue)
            writeChart(chart, to: &writer)
            writer.strings(chart.columnLabels ?? [])
        case .chart(let chart) where chart.barLabels != nil:
            writer.u8(7)
            writer.optionalString(chart.title)
            writer.optionalString(chart.yLabel)
            writer.strings(chart.barLabels ?? [])
            writer.doubles(chart.series.first?.y ?? [])
        case .chart(let chart):
            writer.u8(3)
            writeChart(chart, to: &writer)
        case .images(let images, let title):
            writer.u8(4)
            writer.optionalString(title)
            writer.u32(UInt32(images.count))
            for image in images {
                writer.blob(image.png)
                writer.int(image.width)
                writer.int(image.height)
                writer.optionalString(image.caption)
                writer.u32(UInt32(image.legend.count))
                for entry in image.legend {
                    writer.string(entry.name); writer.u8(entry.red); writer.u8(entry.green); writer.u8(entry.blue)
                }
            }
        case .markdown(let text): writer.u8(5); writer.string(text)
        case .error(let error):
            writer.u8(9)
            writer.string(error.message)
            writer.string(error.source)
            writer.optionalInt(error.line)
            writer.optionalInt(error.column)
            writer.optionalString(error.sourceLine)
            writer.strings(error.notes)
            writer.int(error.length)
        }
    }

    static func readOne(from reader: inout ByteReader<Data>) throws -> CellOutput {
        let tag = try reader.u8()
        switch tag {
        case 0: return .text(try reader.string())
        case 1: return .value(try reader.string())
        case 2:
            let title = try reader.optionalString()
            let columns = try reader.strings()
            let rowCount = try reader.count32(itemSize: 4)
            var rows: [[TableCell]] = []
            for _ in 0..<rowCount {
                let cellCount = try reader.count32()
                var row: [TableCell] = []
                for _ in 0..<cellCount {
                    switch try reader.u8() {
                    case 0: row.append(.text(try reader.string()))
                    case 1:
                        let value = try reader.double()
                        row.append(.number(value, display: try reader.string()))
                    case 2: row.append(.missing)
                    default: throw reader.corrupt("unknown table cell tag")
                    }
                }
                rows.append(row)
            }
            return .table(OutputTable(title: title, columns: columns, rows: rows))
        case 3:
            return .chart(try readChart(from: &reader))
        case 8:
            guard let style = ChartStyle(rawValue: try reader.u8()) else { throw reader.corrupt("unknown chart style") }
            var chart = try readChart(from: &reader)
            chart.style = style
            let labels = try reader.strings()
            chart.columnLabels = style == .heatmap ? labels : nil
            return .chart(chart)
        case 7:
            let title = try reader.optionalString()
            let yLabel = try reader.optionalString()
            let labels = try reader.strings()
            return .chart(.bars(title: title, yLabel: yLabel, labels: labels, values: try reader.doubles()))
        case 4:
            let title = try reader.optionalString()
            let count = try reader.u32()
            var images: [OutputImage] = []
            for _ in 0..<count {
                let png = try reader.blob()
                let width = try reader.int()
                let height = try reader.int()
                let caption = try reader.optionalString()
                let legendCount = try reader.count32(itemSize: 11)
                var legend: [LegendEntry] = []
                for _ in 0..<legendCount {
                    let name = try reader.string()
                    legend.append(LegendEntry(name: name, red: try reader.u8(), green: try reader.u8(), blue: try reader.u8()))
                }
                images.append(OutputImage(png: png, width: width, height: height, caption: caption, legend: legend))
            }
            return .images(images, title: title)
        case 5: return .markdown(try reader.string())
        case 6, 9:
            // Tag 6 is the layout before errors kept their span's width.
            let message = try reader.string()
            let label = try reader.string()
            let line = try reader.optionalInt()
            let column = try reader.optionalInt()
            let sourceLine = try reader.optionalString()
            let notes = try reader.strings()
            let length = try tag == 9 ? reader.int() : 1
            return .error(LocatedDiagnostic(message: message, source: label, line: line, column: column,
                                            length: length, sourceLine: sourceLine, notes: notes))
        default:
            throw reader.corrupt("unknown output tag")
        }
    }

    /// Title, axis labels and series of a chart (its style and labels are written by the caller).
    static func writeChart(_ chart: LineChart, to writer: inout ByteWriter<Data>) {
        writer.optionalString(chart.title)
        writer.optionalString(chart.xLabel)
        writer.optionalString(chart.yLabel)
        writer.u32(UInt32(chart.series.count))
        for series in chart.series {
            writer.string(series.name)
            writer.bool(series.x != nil)
            if let x = series.x { writer.doubles(x) }
            writer.doubles(series.y)
        }
    }

    static func readChart(from reader: inout ByteReader<Data>) throws -> LineChart {
        let title = try reader.optionalString()
        let xLabel = try reader.optionalString()
        let yLabel = try reader.optionalString()
        let count = try reader.count32()
        var series: [ChartSeries] = []
        for _ in 0..<count {
            let name = try reader.string()
            let x = try reader.bool() ? try reader.doubles() : nil
            series.append(ChartSeries(name: name, x: x, y: try reader.doubles()))
        }
        return LineChart(title: title, xLabel: xLabel, yLabel: yLabel, series: series)
    }
}
