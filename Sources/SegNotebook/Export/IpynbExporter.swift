import Foundation

/// A run's notebook as a Jupyter notebook (nbformat 4.5): Markdown cells as markdown, code and
/// params cells with their source and outputs (printed text as `stream`, values as
/// `execute_result`, pictures as `image/png`, tables as `text/html`, charts as `image/svg+xml`).
public enum IpynbExporter {
    /// The notebook as JSON text, one key per line, keys sorted (stable diffs).
    public static func export(_ result: RunResult) throws -> Data {
        var cells: [[String: Any]] = []
        var executionCount = 0
        for cellResult in result.cells {
            let cell = cellResult.cell
            var json: [String: Any] = ["id": "cell-\(cell.number)", "source": lines(cell.source.trimmingTrailingNewlines)]
            switch cell.kind {
            case .markdown:
                json["cell_type"] = "markdown"
                json["metadata"] = [String: Any]()
            case .code, .params:
                json["cell_type"] = "code"
                var metadata: [String: Any] = [:]
                if cell.kind == .params { metadata["tags"] = ["parameters"] }
                if let name = cell.name { metadata["segnb"] = ["name": name] }
                json["metadata"] = metadata
                let hasResult: Bool
                switch cellResult.status {
                case .ran, .restored, .failed: hasResult = true
                case .markdown, .notRun: hasResult = false
                }
                if hasResult {
                    executionCount += 1
                    json["execution_count"] = executionCount
                    json["outputs"] = cellResult.outputs.flatMap { outputs(for: $0, executionCount: executionCount) }
                } else {
                    json["execution_count"] = NSNull()
                    json["outputs"] = [[String: Any]]()
                }
            }
            cells.append(json)
        }
        var metadata: [String: Any] = [
            "language_info": ["name": "seg", "file_extension": ".seg"],
            "segnb": ["version": result.version, "seed": result.seed,
                      "parameters": Dictionary(result.parameters.map { ($0.name, $0.value.description) }, uniquingKeysWith: { $1 })],
        ]
        if let title = result.notebook.title { metadata["title"] = title }
        let notebook: [String: Any] = ["cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5]
        var data = try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The Jupyter outputs of one cell output (a row of pictures gives one output per picture).
    static func outputs(for output: CellOutput, executionCount: Int) -> [[String: Any]] {
        func display(_ data: [String: Any], metadata: [String: Any] = [:]) -> [String: Any] {
            ["output_type": "display_data", "data": data, "metadata": metadata]
        }
        switch output {
        case .text(let text):
            return [["output_type": "stream", "name": "stdout", "text": lines(text)]]
        case .value(let text):
            return [["output_type": "execute_result", "execution_count": executionCount,
                     "data": ["text/plain": lines(text)], "metadata": [String: Any]()]]
        case .table(let table):
            return [display(["text/html": lines(OutputRenderer.tableHTML(table)), "text/plain": lines(ExportText.plainTable(table))])]
        case .chart(let chart):
            return [display(["image/svg+xml": lines(ExportText.standaloneSVG(chart)), "text/plain": [ExportText.chartSummary(chart)]])]
        case .images(let images, let title):
            return images.enumerated().map { index, image in
                display(["image/png": image.png.base64EncodedString(),
                         "text/plain": [ExportText.imageSummary(image, title: index == 0 ? title : nil)]],
                        metadata: ["image/png": ["width": image.width, "height": image.height]])
            }
        case .markdown(let text):
            return [display(["text/markdown": lines(text), "text/plain": lines(text)])]
        case .error(let report):
            return [["output_type": "error", "ename": "Error", "evalue": report.message,
                     "traceback": report.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)]]
        }
    }

    /// Jupyter's multi-line strings: lines that keep their newline, the last one without.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

extension String {
    /// Without the newlines at the end (cell sources keep the blank line before the next header).
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r\n" { text = text.dropLast() }
        return String(text)
    }
}
