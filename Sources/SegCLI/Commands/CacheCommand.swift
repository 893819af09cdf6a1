import ArgumentParser

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
            if SizeArgument.parse(maxSize) == nil {
                throw ValidationError("--max-size '\(maxSize)' is not a size (examples: 500M, 2G, 1048576)")
            }
        }

        func run() throws {
            try Backend.cachePrune(directory: location.directory, maxBytes: SizeArgument.parse(maxSize) ?? 0)
        }
    }
}

/// Sizes such as `500M`, `1.5GB`, `2048` (bytes).
enum SizeArgument {
    /// Bytes, or nil when the text is not a size.
    static func parse(_ text: String) -> Int? {
        var digits = text.trimming(" ").uppercased()
        if digits.hasSuffix("IB") { digits.removeLast(2) } else if digits.hasSuffix("B") { digits.removeLast() }
        var multiplier = 1.0
        if let unit = digits.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(unit)] {
            digits.removeLast()
            for _ in 0..<power { multiplier *= 1024 }
        }
        guard let value = Double(digits.trimming(" ")), value >= 0, value.isFinite else { return nil }
        return Int(value * multiplier)
    }
}
