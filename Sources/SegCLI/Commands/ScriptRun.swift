import Foundation
import SegNotebook
import SegScript

/// `segnb script` and `segnb check` on a `.seg` file, over the runner's evaluator.
enum ScriptRun {
    /// Runs the script, streaming what it prints; a failure goes to stderr as
    /// `file:line:column: error: ...` with the source line, caret and stack. Returns 0 or 1.
    static func run(path: String, source: String, evaluator: CellEvaluator,
                    writer: ConsoleWriter = .standard) -> Int32 {
        let directory = (path as NSString).deletingLastPathComponent
        let context = CellContext(label: path, seed: 0, firstLine: 1,
                                  directory: directory.isEmpty ? FileManager.default.currentDirectoryPath : directory,
                                  displaysLastValue: false)
        let printer = TerminalPrinter(writer: writer, isTerminal: false, columns: { 80 },
                                      imageDirectory: StatePaths().imageDirectory)
        // A script shows only what it prints and shows: its last value is not displayed (context).
        let sink = DisplayItemSink { item in printer.print(item) }
        let stopRequest = StopRequest(evaluator: evaluator)
        defer { stopRequest.finish() }
        do {
            try HeadlessInterrupt.run(stop: stopRequest.request) {
                Result { try evaluator.evaluate(source, context: context, sink: sink) }
            }.get()
            return 0
        } catch let failure as CellFailure {
            writer.err(describe(failure, path: path, source: source) + "\n")
            return 1
        } catch {
            writer.err("\(path): error: \(ErrorText.describe(error))\n")
            return 1
        }
    }

    /// Prints every syntax error of the script; returns 1 when there is one.
    static func check(path: String, source: String, evaluator: CellEvaluator,
                      writer: ConsoleWriter = .standard) -> Int32 {
        do {
            _ = try evaluator.analyze(source)
            writer.out("\(path): no syntax errors\n")
            return 0
        } catch let failure as CellFailure {
            let count = 1 + failure.more.count
            writer.err(describe(failure, path: path, source: source) + "\n")
            writer.err("\(count) syntax error\(count == 1 ? "" : "s") in \(path)\n")
            return 1
        } catch {
            writer.err("\(path): error: \(ErrorText.describe(error))\n")
            return 1
        }
    }

    /// Each error as `file:line:column: error: message`, the source line, a caret, the stack.
    static func describe(_ failure: CellFailure, path: String, source: String) -> String {
        failure.located(source: path, text: source).map(\.description).joined(separator: "\n")
    }
}
