import Foundation
import SegNotebook

/// Turns display items into terminal text: values as the engine formats them, pictures as
/// half-block previews on a terminal (or PNG files otherwise), tables aligned, charts summarised.
final class TerminalPrinter {
    private let writer: ConsoleWriter
    private let isTerminal: Bool
    private let columns: () -> Int
    private let imageDirectory: String
    private var imageCounter = 0

    /// Makes a printer; `isTerminal` selects colour previews over PNG files.
    init(writer: ConsoleWriter, isTerminal: Bool, columns: @escaping () -> Int, imageDirectory: String) {
        self.writer = writer
        self.isTerminal = isTerminal
        self.columns = columns
        self.imageDirectory = imageDirectory
    }

    /// Writes one item.
    func print(_ item: DisplayItem) {
        switch item {
        case .text(let text):
            writer.out(text)
        case .value(let text):
            writer.out(text.hasSuffix("\n") ? text : text + "\n")
        case .markdown(let text):
            writer.out(TerminalMarkdown.format(text.trimming("\n"), styled: isTerminal) + "\n")
        case .warning(let text):
            writer.err("warning: \(text)\n")
        case .table(let table):
            writer.out(TextTable.render(table).joined(separator: "\n") + "\n")
        case .chart(let chart):
            writer.out(chartSummary(chart))
        case .image(let image):
            writer.out(isTerminal ? preview(image) : savedImage(image))
        }
    }

    private func preview(_ image: DisplayImage) -> String {
        var text = ""
        if let title = image.title { text += title + "\n" }
        let lines = HalfBlockRenderer.render(image, maxColumns: max(8, columns() - 1))
        text += lines.joined(separator: "\n") + "\n"
        if !image.legend.isEmpty { text += HalfBlockRenderer.legend(image.legend) + "\n" }
        return text
    }

    private func savedImage(_ image: DisplayImage) -> String {
        let label = (image.title.map { "\($0): " } ?? "") + "image \(image.width)x\(image.height)"
        let legend = image.legend.isEmpty ? "" : " (classes: \(image.legend.map(\.name).joined(separator: ", ")))"
        guard let encode = image.encodePNG else { return "[\(label)\(legend)]\n" }
        imageCounter += 1
        let path = "\(imageDirectory)/show-\(getpid())-\(imageCounter).png"
        do {
            let bytes = try encode()
            guard StatePaths.ensureDirectory(imageDirectory) else {
                return "[\(label)\(legend): cannot create \(imageDirectory)]\n"
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            return "[\(label)\(legend) written to \(path)]\n"
        } catch {
            return "[\(label)\(legend): could not write PNG to \(path): \(FileErrorText.writeReason(error, path: path))]\n"
        }
    }

    private func chartSummary(_ chart: DisplayChart) -> String {
        var text = "chart" + (chart.title.map { " \"\($0)\"" } ?? "") + "\n"
        let nameWidth = chart.series.map(\.name.count).max() ?? 0
        for series in chart.series {
            let finite = series.values.filter(\.isFinite)
            let name = series.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let last = finite.last.map { short($0) } ?? "-"
            let lo = finite.min().map(short) ?? "-"
            let hi = finite.max().map(short) ?? "-"
            text += "  \(name)  \(Sparkline.render(series.values))  \(series.values.count) points, last \(last), min \(lo), max \(hi)\n"
        }
        if let svg = chart.renderSVG {
            imageCounter += 1
            let path = "\(imageDirectory)/chart-\(getpid())-\(imageCounter).svg"
            if StatePaths.ensureDirectory(imageDirectory),
               (try? svg().write(toFile: path, atomically: true, encoding: .utf8)) != nil {
                text += "  svg written to \(path)\n"
            }
        }
        return text
    }

    private func short(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
