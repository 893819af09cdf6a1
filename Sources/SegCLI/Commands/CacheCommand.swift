import ArgumentParser
import SegNotebook

/// `segnb cache status|clear|prune`.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and manage the result cache.",
        subcommands: [Status.self, Clear.self, Prune.self]
    )

    /// Where the cache is; `.segnb-cache` in the working directory unless given.
    struct Location: ParsableArguments {
        @Option(name: .customLong("cache-dir"), help: "Cache folder (default: ./.segnb-cache).")
        var cacheDir: String?

        var directory: String { cacheDir ?? ".segnb-cache" }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, total size and notebooks in the cache.")
        @OptionGroup var location: Location
        func run() throws { try Backend.cacheStatus(directory: location.directory) }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every cache entry.")
        @OptionGroup var location: Location
        func run() throws { try Backend.cacheClear(directory: location.directory) }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the least recently used entries until the cache fits in SIZE.")
        @OptionGroup var location: Location
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Size bound: bytes, or with K, M, G (powers of 1024).", valueName: "SIZE"))
        var maxSize: String

        func validate() throws {
            if CacheStore.parseSize(maxSize) == nil {
                throw ValidationError("--max-size '\(maxSize)' is not a size (examples: 500M, 2G, 1048576)")
            }
        }

        func run() throws {
            try Backend.cachePrune(directory: location.directory, maxBytes: CacheStore.parseSize(maxSize) ?? 0)
        }
    }
}
