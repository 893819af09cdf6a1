import Foundation

/// The stand-in engine's notebook stepping: cells split on `%%` lines, code run by the stand-in.
final class StandInNotebook: NotebookStepper {
    let path: String
    private let engine: StandInEngine
    private var parsed: [(summary: CellSummary, source: String)] = []

    init(path: String, engine: StandInEngine) throws {
        self.path = path
        self.engine = engine
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StandInFailure(message: "no such notebook")
        }
        var current: (CellSummary, [String])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("%%") {
                if let cell = current { parsed.append((cell.0, cell.1.joined(separator: "\n"))) }
                let words = line.dropFirst(2).split(separator: " ").map(String.init)
                let name = words.count > 1 && !words[1].contains("=") ? words[1] : nil
                current = (CellSummary(number: parsed.count + 1, name: name, kind: words.first ?? "code",
                                       status: "not run", line: index + 1), [])
            } else {
                current?.1.append(String(line))
            }
        }
        if let cell = current { parsed.append((cell.0, cell.1.joined(separator: "\n"))) }
    }

    func cells() -> [CellSummary] { parsed.map(\.summary) }

    func source(ofCell number: Int) -> String? {
        parsed.indices.contains(number - 1) ? parsed[number - 1].source : nil
    }

    func runCell(_ number: Int, emit: @escaping (DisplayItem) -> Void) -> CellOutcome {
        guard parsed.indices.contains(number - 1) else { return .failed("no cell \(number)") }
        let cell = parsed[number - 1]
        if cell.summary.kind == "md" {
            emit(.markdown(cell.source.trimming("\n")))
            parsed[number - 1].summary.status = "shown"
            return .markdown
        }
        switch engine.evaluate(cell.source, emit: emit) {
        case .completed:
            parsed[number - 1].summary.status = "ran"
            return .ran(seconds: 0)
        case .failed(let message):
            parsed[number - 1].summary.status = "failed"
            return .failed(message)
        case .interrupted:
            return .interrupted
        }
    }

    func writeReport(to path: String?) throws -> String {
        let target = path ?? (self.path as NSString).deletingPathExtension + ".html"
        try "<html><body>stand-in report</body></html>".write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}
