import ArgumentParser

/// `segnb script`: run a plain `.seg` script.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run a .seg script (exit 1 with the error on stderr when it fails)."
    )

    @Argument(help: "The .seg script.")
    var file: String

    func run() throws {
        try CommandFailure.exit(unlessZero: Backend.runScript(path: file, source: InputFile.read(file, what: "script")))
    }
}

/// `segnb check`: every syntax error of a script or notebook, without running it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every syntax error in a notebook or script without running it (exit 1 if any)."
    )

    @Argument(help: "A .segnb notebook or a .seg script.")
    var file: String

    func run() throws {
        let what = file.hasSuffix(".segnb") ? "notebook" : "script"
        try CommandFailure.exit(unlessZero: Backend.check(path: file, source: InputFile.read(file, what: what)))
    }
}

/// `segnb explain`: would a cell come from the cache, and if not, what changed.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say whether a cell would come from the cache and, if not, which part of its key changed."
    )

    @Argument(help: "The .segnb notebook.")
    var notebook: String

    @Argument(help: "A cell number or name.")
    var cell: String

    @OptionGroup var notebookOptions: NotebookOptions

    func run() throws {
        _ = try InputFile.read(notebook, what: "notebook")
        try CommandFailure.exit(unlessZero: Backend.explain(notebookPath: notebook, cell: cell, options: notebookOptions))
    }
}
