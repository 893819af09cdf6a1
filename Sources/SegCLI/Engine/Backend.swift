import Foundation

/// The engines behind each command. Commands whose engine is not in this build yet fail with
/// exit status 2 and say so.
enum Backend {
    /// A fresh language session for the REPL.
    static func makeReplEngine() throws -> ReplEngine {
        if ProcessInfo.processInfo.environment["SEGNB_TEST_ENGINE"] == "standin" { return StandInEngine() }
        throw CommandFailure.notAvailable("the Seg language (segnb repl)")
    }

    /// Runs a notebook; returns the exit status.
    static func runNotebook(_ options: NotebookRunOptions) throws -> Int32 {
        throw CommandFailure.notAvailable("the notebook runner (segnb run)")
    }

    /// Prints a notebook's parameters with their defaults.
    static func listParams(_ options: NotebookRunOptions) throws -> Int32 {
        throw CommandFailure.notAvailable("the notebook reader (segnb run --list-params)")
    }

    /// Runs a script; returns the exit status.
    static func runScript(path: String, source: String) throws -> Int32 {
        throw CommandFailure.notAvailable("the Seg language (segnb script)")
    }

    /// Reports every syntax error; returns 1 when there is one.
    static func check(path: String, source: String) throws -> Int32 {
        throw CommandFailure.notAvailable("the Seg parser (segnb check)")
    }

    /// Explains a cell's cache status.
    static func explain(notebookPath: String, source: String, cell: String, cacheDirectory: String?) throws -> Int32 {
        throw CommandFailure.notAvailable("the notebook cache (segnb explain)")
    }

    static func cacheStatus(directory: String) throws {
        throw CommandFailure.notAvailable("the notebook cache (segnb cache status)")
    }

    static func cacheClear(directory: String) throws {
        throw CommandFailure.notAvailable("the notebook cache (segnb cache clear)")
    }

    static func cachePrune(directory: String, maxBytes: Int) throws {
        throw CommandFailure.notAvailable("the notebook cache (segnb cache prune)")
    }
}
