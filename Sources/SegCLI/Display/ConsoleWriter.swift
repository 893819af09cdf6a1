import Glibc

/// The two streams the REPL writes to; tests replace them with buffers.
struct ConsoleWriter {
    /// Writes results.
    var out: (String) -> Void
    /// Writes errors and warnings.
    var err: (String) -> Void

    /// Standard output and standard error, flushed after each write so output interleaves with
    /// readline's prompt and with the engine's own writes.
    static let standard = ConsoleWriter(
        out: { text in fputs(text, stdout); fflush(stdout) },
        err: { text in fputs(text, stderr); fflush(stderr) }
    )
}
