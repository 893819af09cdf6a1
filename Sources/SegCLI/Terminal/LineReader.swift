/// What reading one line gave.
enum LineEvent: Equatable {
    case line(String)
    /// Ctrl-C while typing: the line is abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// A source of input lines for the REPL.
protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` when interactive. `atChunkStart` is false on continuation
    /// lines (it changes what completion offers).
    func read(prompt: String, atChunkStart: Bool) -> LineEvent
    /// Called when the session ends (saves history).
    func close()
}

/// Reads piped input without prompts or escapes, so the REPL can be scripted.
final class PlainLineReader: LineReader {
    func read(prompt: String, atChunkStart: Bool) -> LineEvent {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    func close() {}
}
