import ArgumentParser
import Foundation
import Glibc

/// `segnb repl`: the interactive prompt (or a scripted batch when stdin is not a terminal).
struct ReplCommandLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive prompt; with NOTEBOOK, loaded for stepping through its cells.",
        discussion: "With standard input not a terminal, lines are read as a batch without prompts (exit 1 if any failed)."
    )

    @Argument(help: "A notebook to load (:next steps through it).")
    var notebook: String?

    @OptionGroup var notebookOptions: NotebookOptions

    func validate() throws {
        if notebook == nil, !notebookOptions.params.isEmpty {
            throw ValidationError("-p sets a notebook's params: give the NOTEBOOK too (segnb repl NOTEBOOK -p NAME=VALUE)")
        }
    }

    func run() throws {
        if let notebook {
            _ = try InputFile.read(notebook, what: "notebook")
            _ = try notebookOptions.checkedNotebook(notebook)
        }
        let options = notebookOptions
        let given = notebook.map(Self.canonical)
        let engine = Backend.makeReplEngine { path in
            var runOptions = options.runOptions(forNotebook: path)
            // The -p overrides are for the notebook named on the command line; another one
            // loaded later with :load runs with its own defaults.
            if Self.canonical(path) != given { runOptions.parameterOverrides = [] }
            return runOptions
        }
        let interactive = TerminalInfo.isTerminal(STDIN_FILENO)
        let paths = StatePaths()
        let printer = TerminalPrinter(writer: .standard, isTerminal: TerminalInfo.isTerminal(STDOUT_FILENO),
                                      columns: { TerminalInfo.columns() }, imageDirectory: paths.imageDirectory)
        let repl = Repl(engine: engine, writer: .standard, printer: printer)
        InterruptSignal.install()
        let reader: LineReader
        if interactive {
            let completer = Completer(engine: engine)
            reader = ReadlineReader(historyPath: paths.historyFile, completer: { completer.candidates(for: $0) })
            print("segnb \(SegnbVersion.string) — :help for commands, Ctrl-D to leave")
        } else {
            reader = PlainLineReader()
        }
        if let notebook { repl.perform(.load(notebook)) }
        repl.run(reader: reader)
        if !interactive, repl.hadError { throw CommandFailure(status: 1, message: nil) }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.path
    }
}
