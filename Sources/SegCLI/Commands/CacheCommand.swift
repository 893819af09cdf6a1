import ArgumentParser
import SegNotebook

/// `segnb cache status|clear|prune [NOTEBOOK]`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and manage the result cache.",
        discussion: "The cache commands touch only cache entries, in a folder that segnb created (it holds a CACHEDIR.TAG) "
            + "or that holds nothing but cache files; any other folder is refused and left as it is.",
        subcommands: [Status.self, Clear.self, Prune.self]
    )

    /// Which cache: NOTEBOOK's (`.segnb-cache` beside it), `--cache-dir`, else `./.segnb-cache`.
    struct Location: ParsableArguments {
        @Argument(help: "A notebook whose cache to use (its .segnb-cache folder, unless --cache-dir says otherwise).")
        var notebook: String?

        @OptionGroup var notebookOptions: NotebookOptions

        /// The cache folder, after checking that a given notebook can be read and takes the `-p` given.
        func directory() throws -> String {
            if let notebook {
                _ = try InputFile.read(notebook, what: "notebook")
                _ = try notebookOptions.checkedNotebook(notebook)
            }
            return notebookOptions.cacheDirectory(forNotebook: notebook).path
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, total size and notebooks in the cache.")
        @OptionGroup var location: Location
        func run() throws { try Backend.cacheStatus(directory: try location.directory()) }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every cache entry (and nothing else).")
        @OptionGroup var location: Location
        func run() throws { try Backend.cacheClear(directory: try location.directory()) }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the least recently used entries until the cache fits in SIZE.")
        @OptionGroup var location: Location
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Size bound: bytes, or with K, M, G, T (powers of 1024).", valueName: "SIZE"))
        var maxSize: String

        func validate() throws {
            if CacheStore.parseSize(maxSize) == nil {
                throw ValidationError("--max-size '\(maxSize)' is not a size (examples: 500M, 2G, 1048576)")
            }
        }

        func run() throws {
            try Backend.cachePrune(directory: try location.directory(), maxBytes: CacheStore.parseSize(maxSize) ?? 0)
        }
    }
}
