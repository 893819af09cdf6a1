import ArgumentParser

/// `segnb run`: a headless run that writes the HTML report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook headless and write its HTML report.",
        discussion: "Exit status: 0 when every cell ran or was restored, 1 when a cell failed, 2 for a usage error or an unreadable notebook."
    )

    @Argument(help: "The .segnb notebook.")
    var notebook: String

    @Option(name: [.short, .customLong("output")], help: "Report path (default: the notebook's path with .html).")
    var output: String?

    @OptionGroup var notebookOptions: NotebookOptions

    @Flag(help: "Print only errors and the report path: no cell output, timings or progress.")
    var quiet = false

    @Option(help: "Bound on the whole run, in seconds.")
    var timeout: Double?

    @Flag(name: .customLong("list-params"), help: "Print the notebook's parameters with their defaults and exit.")
    var listParams = false

    @Flag(help: "Stay running: re-run what an edit affects each time the notebook or a depends= file is saved (Ctrl-C stops).")
    var watch = false

    func validate() throws {
        // Past `TimeLimit.longestSeconds` (or infinite) is no limit; NaN, zero and negatives are refused.
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        let source = try InputFile.read(notebook, what: "notebook")
        let options = NotebookRunOptions(notebookPath: notebook, source: source, reportPath: output,
                                         params: notebookOptions.assignments, useCache: !notebookOptions.noCache,
                                         cacheDirectory: notebookOptions.cacheDir, quiet: quiet, timeout: timeout)
        let status = listParams ? try Backend.listParams(options)
            : watch ? try WatchRun.run(options) : try Backend.runNotebook(options)
        try CommandFailure.exit(unlessZero: status)
    }
}

/// What `segnb run` asks the notebook runner to do.
struct NotebookRunOptions {
    var notebookPath: String
    var source: String
    var reportPath: String?
    var params: [ParamAssignment]
    var useCache: Bool
    var cacheDirectory: String?
    var quiet: Bool
    var timeout: Double?
}
