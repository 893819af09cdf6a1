import Foundation

/// A run's notebook as one Markdown document: prose as written, code in fenced blocks, printed
/// text and values as text blocks, tables as pipe tables, pictures and charts as files in a
/// folder beside the document.
public enum MarkdownExporter {
    /// The document, and the files it links to (names relative to the document's folder).
    public struct Document {
        /// The Markdown text.
        public var text: String
        /// Pictures (PNG) and charts (SVG) to write, by relative path.
        public var files: [(path: String, data: Data)]
    }

    /// The folder of pictures beside `document` (`report.md` -> `report_files`).
    public static func assetFolderName(forDocument document: String) -> String {
        ((document as NSString).lastPathComponent as NSString).deletingPathExtension + "_files"
    }

    /// The Markdown of a run; pictures are linked under `assetFolder`.
    public static func export(_ result: RunResult, assetFolder: String) -> Document {
        var blocks: [String] = []
        var files: [(path: String, data: Data)] = []
        for cellResult in result.cells {
            let cell = cellResult.cell
            if cell.kind == .markdown {
                blocks.append(cell.source.trimmingTrailingNewlines)
                continue
            }
            if cell.options.echo {
                let fence = fenceFor(cell.source)
                blocks.append("\(fence)seg\n\(cell.source.trimmingTrailingNewlines)\n\(fence)")
            }
            for (index, output) in cellResult.outputs.enumerated() {
                let stem = "cell\(cell.number)-\(index + 1)"
                switch output {
                case .text(let text), .value(let text):
                    blocks.append(textBlock(text.trimmingTrailingNewlines))
                case .table(let table):
                    blocks.append(ExportText.markdownTable(table))
                case .chart(let chart):
                    let path = "\(assetFolder)/\(stem).svg"
                    files.append((path, Data(ExportText.standaloneSVG(chart).utf8)))
                    blocks.append("![\(altText(ExportText.chartSummary(chart)))](\(linkPath(path)))")
                case .images(let images, let title):
                    var lines: [String] = []
                    if let title = title?.trimmingCharacters(in: .whitespaces), !title.isEmpty { lines.append("*\(title)*\n") }
                    for (number, image) in images.enumerated() {
                        let path = "\(assetFolder)/\(stem)-\(number + 1).png"
                        files.append((path, image.png))
                        lines.append("![\(altText(image.caption ?? "image \(image.width)x\(image.height)"))](\(linkPath(path)))")
                    }
                    blocks.append(lines.joined(separator: "\n"))
                case .markdown(let text):
                    blocks.append(text.trimmingTrailingNewlines)
                case .error(let report):
                    blocks.append(textBlock(report.description))
                }
            }
        }
        return Document(text: blocks.joined(separator: "\n\n") + "\n", files: files)
    }

    /// A fence longer than any run of backticks inside the text.
    static func fenceFor(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    static func textBlock(_ text: String) -> String {
        let fence = fenceFor(text)
        return "\(fence)text\n\(text)\n\(fence)"
    }

    static func altText(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")").replacingOccurrences(of: "\n", with: " ")
    }

    /// A relative link with spaces and parentheses percent-encoded.
    static func linkPath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))) ?? path
    }
}
