import ArgumentParser

/// `segnb`: run notebooks, scripts and the REPL.
struct SegnbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segnb",
        abstract: "A notebook environment for semantic segmentation.",
        version: SegnbVersion.string,
        subcommands: [RunCommand.self, ReplCommandLine.self, ScriptCommand.self, CheckCommand.self,
                      CacheCommand.self, ExplainCommand.self, ExportCommand.self]
    )
}
