import Foundation
import SegNotebook
import SegScript

/// What the REPL needs from the language beyond the runner's evaluator: names for completion,
/// help text from the built-in table, a listing of the bindings, and a fresh environment.
protocol ReplIntrospecting: AnyObject {
    /// Candidate names for a completion request (globals, built-ins, module members, methods of
    /// the type of the value bound to the receiver name).
    func completions(for request: CompletionRequest) -> [String]
    /// Documentation of a built-in or module, or an overview when `name` is nil.
    func help(_ name: String?) -> String?
    /// The current global bindings.
    func variables() -> [VariableSummary]
    /// Drops every binding.
    func reset()
}

/// The REPL's engine over the notebook runner's evaluator: REPL lines and stepped cells share one
/// environment, and stepping goes through the runner with its cache and seeds.
final class EvaluatorReplEngine: ReplEngine {
    private let evaluator: CellEvaluator
    private let introspection: ReplIntrospecting
    private let directory: String
    private let notebookRunOptions: (String) -> RunOptions
    private var chunkCount = 0

    /// Makes an engine; relative paths in REPL lines resolve against `directory`, and a notebook
    /// loaded for stepping runs with `notebookRunOptions(path)` (params, cache folder, `--no-cache`).
    init(evaluator: CellEvaluator, introspection: ReplIntrospecting,
         directory: String = FileManager.default.currentDirectoryPath,
         notebookRunOptions: @escaping (String) -> RunOptions = { _ in RunOptions() }) {
        self.evaluator = evaluator
        self.introspection = introspection
        self.directory = directory
        self.notebookRunOptions = notebookRunOptions
    }

    func evaluate(_ source: String, emit: @escaping (DisplayItem) -> Void) -> EvaluationOutcome {
        chunkCount += 1
        // Each REPL chunk gets its own deterministic random stream, like a cell.
        let context = CellContext(label: "input \(chunkCount)", seed: UInt64(chunkCount), firstLine: 1, directory: directory)
        let sink = DisplayItemSink(show: emit)
        evaluator.clearInterrupt()
        do {
            try evaluator.evaluate(source, context: context, sink: sink)
            return .completed
        } catch let failure as CellFailure {
            if failure.isInterruption { return .interrupted }
            return .failed(Self.describe(failure, source: source, label: context.label))
        } catch {
            return .failed("error: \(ErrorText.describe(error))")
        }
    }

    func interrupt() { evaluator.interrupt() }

    func completions(for request: CompletionRequest) -> [String] { introspection.completions(for: request) }

    func help(_ name: String?) -> String? { introspection.help(name) }

    func variables() -> [VariableSummary] { introspection.variables() }

    func reset() {
        introspection.reset()
        chunkCount = 0
    }

    func openNotebook(at path: String) throws -> NotebookStepper {
        try RunnerStepper(path: path, evaluator: evaluator, options: notebookRunOptions(path))
    }

    /// A failure with its location, the source line, a caret and the call stack; every further
    /// syntax error follows.
    static func describe(_ failure: CellFailure, source: String, label: String) -> String {
        failure.located(source: label, text: source).map(\.description).joined(separator: "\n")
    }
}
