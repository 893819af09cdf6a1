import Foundation
import SegNotebook

/// Steps through a notebook with the notebook runner itself, so stepped cells use the same cache
/// keys, cache folder and per-cell seeds as `segnb run`. Running cell N runs the notebook's first
/// N cells: earlier cells come back from the cache (or run, when they cannot be cached), and only
/// cell N's outputs are shown.
final class RunnerStepper: NotebookStepper {
    let path: String
    private let notebook: Notebook
    private let evaluator: CellEvaluator
    private let cacheDirectory: URL?
    private var results: [Int: CellResult] = [:]
    private var lastRun: RunResult?

    /// Reads the notebook; header errors are thrown with their lines.
    init(path: String, evaluator: CellEvaluator, cacheDirectory: URL? = nil) throws {
        self.path = path
        self.notebook = try NotebookReader.read(path: path)
        self.evaluator = evaluator
        self.cacheDirectory = cacheDirectory
    }

    func cells() -> [CellSummary] {
        notebook.cells.map { cell in
            CellSummary(number: cell.number, name: cell.name, kind: cell.kind.rawValue,
                        status: results[cell.number].map { Self.describe($0.status) } ?? "not run",
                        line: cell.headerLine ?? cell.firstSourceLine)
        }
    }

    func source(ofCell number: Int) -> String? {
        notebook.cells.first { $0.number == number }?.source
    }

    func runCell(_ number: Int, emit: @escaping (DisplayItem) -> Void) -> CellOutcome {
        guard notebook.cells.contains(where: { $0.number == number }) else {
            return .failed("no cell \(number) (the notebook has \(notebook.cells.count))")
        }
        let prefix = Notebook(path: notebook.path, cells: notebook.cells.filter { $0.number <= number })
        var options = RunOptions()
        options.cacheDirectory = cacheDirectory
        options.version = "segnb \(SegnbVersion.string)"
        let result: RunResult
        do {
            result = try NotebookRunner(notebook: prefix, evaluator: evaluator, options: options).run()
        } catch {
            return .failed("\(error)")
        }
        lastRun = result
        for cell in result.cells where cell.status != .notRun { results[cell.cell.number] = cell }
        if let earlier = result.failedCells.first(where: { $0.cell.number < number }) {
            return .failed("cell \(earlier.cell.number) failed before cell \(number) could run:\n" + errors(earlier))
        }
        guard let mine = result.cells.last, mine.cell.number == number else {
            return .failed("cell \(number) did not run")
        }
        for output in mine.outputs {
            if case .error = output { continue }
            RichOutputDisplay.items(output).forEach(emit)
        }
        switch mine.status {
        case .markdown:
            if let cell = notebook.cells.first(where: { $0.number == number }) { emit(.markdown(cell.source)) }
            return .markdown
        case .ran(let seconds): return .ran(seconds: seconds)
        case .restored: return .restored
        case .notRun: return result.timedOut ? .interrupted : .failed("cell \(number) did not run")
        case .failed:
            let text = errors(mine)
            return text.contains("interrupted") ? .interrupted : .failed(text)
        }
    }

    func writeReport(to path: String?) throws -> String {
        guard var report = lastRun, let template = report.cells.first else {
            throw StepperError(message: "nothing has run yet (:next runs the first cell)")
        }
        report.notebook = notebook
        report.cells = notebook.cells.map { cell in
            if let done = results[cell.number] { return done }
            var notRun = template
            notRun.cell = cell
            notRun.status = cell.kind == .markdown ? .markdown : .notRun
            notRun.outputs = []
            notRun.cacheNote = nil
            notRun.key = nil
            return notRun
        }
        let target = path ?? ReportWriter.defaultPath(forNotebook: self.path)
        try ReportWriter.write(report, to: target)
        return target
    }

    private func errors(_ result: CellResult) -> String {
        result.outputs.compactMap { output -> String? in
            if case .error(let report) = output { return report.description }
            return nil
        }.joined(separator: "\n")
    }

    private static func describe(_ status: CellStatus) -> String {
        switch status {
        case .markdown: return "shown"
        case .ran(let seconds): return "ran in \(HumanReadable.seconds(seconds))"
        case .restored: return "restored"
        case .failed: return "failed"
        case .notRun: return "not run"
        }
    }
}

/// A stepping request that cannot be done.
struct StepperError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
