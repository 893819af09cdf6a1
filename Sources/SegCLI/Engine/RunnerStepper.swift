import Foundation
import SegNotebook

/// Steps through a notebook with the notebook runner's single-cell API, so stepped cells use the
/// same cache keys, cache folder and per-cell seeds as `segnb run`, in the REPL's environment.
final class RunnerStepper: NotebookStepper {
    let path: String
    private let notebook: Notebook
    private let runner: NotebookRunner

    /// Reads the notebook (header errors are thrown with their lines) and prepares a runner.
    init(path: String, evaluator: CellEvaluator, options: RunOptions = RunOptions()) throws {
        self.path = path
        notebook = try NotebookReader.read(path: path)
        var options = options
        options.version = "segnb \(SegnbVersion.string)"
        runner = NotebookRunner(notebook: notebook, evaluator: evaluator, options: options)
    }

    func cells() -> [CellSummary] {
        let results = runner.currentResult().cells
        return notebook.cells.map { cell in
            let status = results.first { $0.cell.number == cell.number }?.status ?? .notRun
            return CellSummary(number: cell.number, name: cell.name, kind: cell.kind.rawValue,
                               status: Self.describe(status, kind: cell.kind),
                               line: cell.headerLine ?? cell.firstSourceLine)
        }
    }

    func source(ofCell number: Int) -> String? {
        notebook.cells.first { $0.number == number }?.source
    }

    func prerequisites(ofCell number: Int) -> [Int] {
        runner.prerequisites(ofCell: number)
    }

    func runCell(_ number: Int, emit: @escaping (DisplayItem) -> Void) -> CellOutcome {
        let result: CellResult
        do {
            result = try runner.runCell(number: number)
        } catch {
            return .failed(ErrorText.describe(error))
        }
        var errors: [String] = []
        for output in result.outputs {
            if case .error(let report) = output {
                errors.append(report.description)
                continue
            }
            CellOutputDisplay.items(output).forEach(emit)
        }
        switch result.status {
        case .markdown:
            emit(.markdown(result.cell.source.trimming("\n")))
            return .markdown
        case .ran(let seconds):
            return .ran(seconds: seconds)
        case .restored:
            return .restored
        case .notRun:
            return .failed("cell \(number) did not run")
        case .failed:
            let text = errors.joined(separator: "\n")
            return text.contains("interrupted") && !text.contains("timeout") ? .interrupted : .failed(text)
        }
    }

    func writeReport(to path: String?) throws -> String {
        let target = path ?? ReportWriter.defaultPath(forNotebook: self.path)
        try ReportWriter.write(runner.currentResult(), to: target)
        return target
    }

    private static func describe(_ status: CellStatus, kind: CellKind) -> String {
        switch status {
        case .markdown: return "markdown"
        case .ran(let seconds): return kind == .params ? "bound" : "ran in \(HumanReadable.seconds(seconds))"
        case .restored: return "restored"
        case .failed: return "failed"
        case .notRun: return "not run"
        }
    }
}
