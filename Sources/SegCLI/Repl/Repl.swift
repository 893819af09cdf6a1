import Foundation

/// The interactive session: gathers lines into complete chunks, runs commands and code, and
/// prints results. Errors are reported and the session goes on.
final class Repl {
    static let prompt = "seg> "
    static let continuationPrompt = "...> "

    let engine: ReplEngine
    let writer: ConsoleWriter
    let printer: TerminalPrinter
    /// The notebook being stepped through, once `:load` succeeded.
    var notebook: NotebookStepper?
    /// The cell `:next` runs.
    var nextCell = 1
    /// Lines of a chunk that is not complete yet.
    private(set) var pending: [String] = []
    /// True once any chunk or command failed (batch mode's exit status).
    private(set) var hadError = false

    /// Makes a session over an engine.
    init(engine: ReplEngine, writer: ConsoleWriter, printer: TerminalPrinter) {
        self.engine = engine
        self.writer = writer
        self.printer = printer
    }

    /// The prompt for the next line.
    var currentPrompt: String { pending.isEmpty ? Self.prompt : Self.continuationPrompt }

    /// Reads and runs lines until the input ends or `:quit`.
    func run(reader: LineReader) {
        while true {
            switch reader.read(prompt: currentPrompt, atChunkStart: pending.isEmpty) {
            case .endOfInput:
                if !pending.isEmpty { _ = submitPending() }
                reader.close()
                return
            case .interrupted:
                pending.removeAll()
            case .line(let line):
                if accept(line) == .quit {
                    reader.close()
                    return
                }
            }
        }
    }

    /// Whether the session goes on.
    enum Flow { case proceed, quit }

    /// Takes one input line: a command, the end of a chunk (which then runs), or a line of a
    /// chunk that continues.
    func accept(_ line: String) -> Flow {
        if pending.isEmpty {
            let trimmed = line.trimming(" \t")
            if trimmed.isEmpty { return .proceed }
            if trimmed.hasPrefix(":") { return command(trimmed) }
        }
        pending.append(line)
        let source = pending.joined(separator: "\n")
        if InputContinuation.needsMoreInput(source) { return .proceed }
        return submitPending()
    }

    private func submitPending() -> Flow {
        let source = pending.joined(separator: "\n")
        pending.removeAll()
        _ = evaluate(source)
        return .proceed
    }

    /// Evaluates a chunk with Ctrl-C forwarded to the engine, printing outputs and the outcome.
    @discardableResult
    func evaluate(_ source: String) -> EvaluationOutcome {
        let outcome = InterruptForwarder.run(interrupt: { [engine] in engine.interrupt() }) {
            engine.evaluate(source, emit: { [printer] item in printer.print(item) })
        }
        report(outcome)
        return outcome
    }

    func report(_ outcome: EvaluationOutcome) {
        switch outcome {
        case .completed: break
        case .failed(let message): fail(message)
        case .interrupted: writer.err("interrupted\n")
        }
    }

    /// Reports an error and remembers that one happened.
    func fail(_ message: String) {
        hadError = true
        writer.err(message.hasSuffix("\n") ? message : message + "\n")
    }

    private func command(_ line: String) -> Flow {
        switch ReplCommand.parse(line) {
        case .failure(let error):
            fail(error.message)
            return .proceed
        case .success(let command):
            if command == .quit { return .quit }
            perform(command)
            return .proceed
        }
    }
}
