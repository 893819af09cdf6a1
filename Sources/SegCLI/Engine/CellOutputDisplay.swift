import Foundation
import SegNotebook
import SegTensor
import SegVision

/// Converts the notebook runner's outputs into what the REPL prints.
enum CellOutputDisplay {
    /// The display items for one runner output (a row of pictures becomes one item per picture).
    static func items(_ output: CellOutput) -> [DisplayItem] {
        switch output {
        case .text(let text): return [.text(text)]
        case .value(let text): return [.value(text)]
        case .markdown(let text): return [.markdown(text)]
        case .error(let report): return [.warning(report.description)]
        case .table(let table):
            let rows = table.rows.map { row in
                row.map { cell -> String in
                    switch cell {
                    case .text(let text): return text
                    case .number(_, let display): return display
                    case .missing: return "—"
                    }
                }
            }
            return [.table(DisplayTable(title: table.title, columns: table.columns, rows: rows))]
        case .chart(let chart):
            let series = chart.series.map { DisplayChart.Series(name: $0.name, values: $0.y) }
            return [.chart(DisplayChart(title: chart.title, series: series, renderSVG: nil))]
        case .images(let images, let title):
            return images.enumerated().map { index, image in
                .image(displayImage(image, title: index == 0 ? (title ?? image.caption) : image.caption))
            }
        }
    }

    /// A runner image with its pixels decoded for terminal previews and its PNG kept for files.
    static func displayImage(_ image: OutputImage, title: String?) -> DisplayImage {
        let png = image.png
        let rgb = (try? decodeRGB(png)) ?? []
        return DisplayImage(title: title, width: rgb.isEmpty ? 0 : image.width, height: rgb.isEmpty ? 0 : image.height,
                            rgb: rgb, legend: image.legend, encodePNG: { [UInt8](png) })
    }

    /// Interleaved 8-bit RGB from PNG bytes (grey repeated over the three channels).
    static func decodeRGB(_ png: Data) throws -> [UInt8] {
        let tensor = try PNGCodec.decodeImage(png, name: "<output image>").contiguous()
        guard tensor.shape.count == 3 else { return [] }
        let channels = tensor.shape[0]
        let plane = tensor.shape[1] * tensor.shape[2]
        var rgb = [UInt8](repeating: 0, count: plane * 3)
        try tensor.withFloats { values in
            for i in 0..<plane {
                for c in 0..<3 {
                    let v = values[min(c, channels - 1) * plane + i]
                    rgb[i * 3 + c] = UInt8(max(0, min(255, (v * 255).rounded())))
                }
            }
        }
        return rgb
    }
}
