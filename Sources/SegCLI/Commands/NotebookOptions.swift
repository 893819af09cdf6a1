import ArgumentParser
import Foundation
import SegNotebook

/// The options every command that takes a notebook shares (`run`, `repl NOTEBOOK`, `explain`,
/// `cache ... NOTEBOOK`, `export`), so each finds the same cache folder and the same cache keys:
/// `segnb explain NB CELL -p epochs=1` answers for the run `segnb run NB -p epochs=1` made.
struct NotebookOptions: ParsableArguments {
    @Option(name: .customShort("p"), help: ArgumentHelp("Override a parameter (repeatable); VALUE is a Seg literal or a string, of the type of the param's default.", valueName: "NAME=VALUE"))
    var params: [String] = []

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Cache folder (default: .segnb-cache beside the notebook).", valueName: "DIR"))
    var cacheDir: String?

    @Flag(name: .customLong("no-cache"), help: "Run every cell; neither read nor write the cache.")
    var noCache = false

    func validate() throws {
        for text in params {
            if case .failure(let failure) = ParamAssignment.parse(text) {
                throw ValidationError(failure.message ?? "bad -p")
            }
        }
    }

    /// The `-p` overrides, parsed (`validate()` has refused malformed ones).
    var assignments: [ParamAssignment] { params.compactMap { try? ParamAssignment.parse($0).get() } }

    /// The overrides as the notebook runner takes them, `NAME=VALUE`.
    var overrides: [String] { assignments.map { "\($0.name)=\($0.value)" } }

    /// The cache folder of `notebook`: `--cache-dir`, else `.segnb-cache` beside the notebook
    /// (or in the current folder when no notebook is given).
    func cacheDirectory(forNotebook notebook: String?) -> URL {
        if let cacheDir { return URL(fileURLWithPath: cacheDir, isDirectory: true) }
        if let notebook { return CacheStore.defaultDirectory(forNotebook: notebook) }
        return URL(fileURLWithPath: ".segnb-cache", isDirectory: true)
    }

    /// Runner options with these params and this cache, for `notebook`.
    func runOptions(forNotebook notebook: String) -> RunOptions {
        var options = RunOptions()
        options.parameterOverrides = overrides
        options.useCache = !noCache
        options.cacheDirectory = cacheDirectory(forNotebook: notebook)
        options.version = "segnb \(SegnbVersion.string)"
        return options
    }

    /// Reads the notebook and checks the overrides against its params (unknown names, values not
    /// of the param's type): a usage error (exit 2) before anything runs.
    func checkedNotebook(_ path: String) throws -> Notebook {
        let notebook = try Backend.readNotebook(path)
        do {
            _ = try notebook.resolveParameters(overrides: overrides)
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        } catch let error as NotebookLoadError {
            throw CommandFailure.usage(error.description)
        }
        return notebook
    }
}
