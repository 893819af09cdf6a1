import CReadline
import Foundation
import Glibc

/// State shared with readline's C callbacks, which cannot capture context.
private enum ReadlineGlobals {
    static var completer: ((CompletionContext) -> [String])?
    static var atChunkStart = true
    static var candidates: [String] = []
    static var candidateIndex = 0
    static var received: LineEvent?
    /// Word-break sets handed to readline, allocated once and kept for the process's life.
    static var breakSets: [String: UnsafeMutablePointer<CChar>] = [:]

    static func breakSet(_ characters: String) -> UnsafeMutablePointer<CChar>? {
        if let existing = breakSets[characters] { return existing }
        let copy = strdup(characters)
        breakSets[characters] = copy
        return copy
    }

    /// The context of the text before the cursor on the current line.
    static func currentContext() -> CompletionContext {
        guard let buffer = rl_line_buffer else { return .nothing }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(0, rl_point)))
        let line = String(decoding: bytes, as: UTF8.self)
        return CompletionContext.analyse(line, atChunkStart: atChunkStart)
    }
}

private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    if let line {
        ReadlineGlobals.received = .line(String(cString: line))
        free(line)
    } else {
        ReadlineGlobals.received = .endOfInput
    }
    rl_callback_handler_remove()
}

private let wordBreakHook: @convention(c) () -> UnsafeMutablePointer<CChar>? = {
    ReadlineGlobals.breakSet(ReadlineGlobals.currentContext().wordBreakCharacters)
}

private let candidateGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { ReadlineGlobals.candidateIndex = 0 }
    guard ReadlineGlobals.candidateIndex < ReadlineGlobals.candidates.count else { return nil }
    let next = ReadlineGlobals.candidates[ReadlineGlobals.candidateIndex]
    ReadlineGlobals.candidateIndex += 1
    return strdup(next)
}

private let completionFunction: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    rl_attempted_completion_over = 1
    rl_completion_suppress_quote = 1
    let context = ReadlineGlobals.currentContext()
    switch context {
    case .command: rl_completion_append_character = 32
    default: rl_completion_append_character = 0
    }
    let typed = text.map { String(cString: $0) } ?? ""
    let all = ReadlineGlobals.completer?(context) ?? []
    ReadlineGlobals.candidates = all.filter { $0.hasPrefix(typed) }
    guard !ReadlineGlobals.candidates.isEmpty else { return nil }
    return rl_completion_matches(text, candidateGenerator)
}

/// Interactive input through GNU readline in its callback mode: our own poll loop sees Ctrl-C
/// (counted by `InterruptSignal`) and abandons the line cleanly, with a persistent history file
/// and context-aware tab completion.
final class ReadlineReader: LineReader {
    private let historyPath: String?
    private static let historyLimit: Int32 = 2000

    /// Sets readline up; `completer` answers completion requests.
    init(historyPath: String?, completer: @escaping (CompletionContext) -> [String]) {
        ReadlineGlobals.completer = completer
        rl_readline_name = UnsafePointer(strdup("segnb"))
        rl_catch_signals = 0
        rl_catch_sigwinch = 1
        rl_attempted_completion_function = completionFunction
        rl_completion_word_break_hook = wordBreakHook
        // A `"` breaks words for path completion; it must not count as a quote that readline
        // closes after a match.
        rl_basic_quote_characters = UnsafePointer(strdup(""))
        using_history()
        stifle_history(Self.historyLimit)
        if let historyPath, Self.prepareHistoryFile(historyPath) {
            self.historyPath = historyPath
            read_history(historyPath)
        } else {
            self.historyPath = nil
        }
    }

    func read(prompt: String, atChunkStart: Bool) -> LineEvent {
        ReadlineGlobals.atChunkStart = atChunkStart
        ReadlineGlobals.received = nil
        let baseline = InterruptSignal.count
        rl_callback_handler_install(prompt, lineHandler)
        let fd = rl_instream.map { fileno($0) } ?? STDIN_FILENO
        while true {
            if InterruptSignal.count != baseline {
                rl_replace_line("", 0)
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                fputs("^C\n", stdout)
                fflush(stdout)
                return .interrupted
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if descriptor.revents & Int16(POLLIN | POLLHUP | POLLERR) == 0 { continue }
            rl_callback_read_char()
            if let event = ReadlineGlobals.received {
                if case .line(let text) = event { remember(text) }
                if event == .endOfInput { fputs("\n", stdout); fflush(stdout) }
                return event
            }
        }
    }

    func close() {
        if let historyPath { history_truncate_file(historyPath, Self.historyLimit) }
    }

    /// Adds a line to the in-memory history and appends it to the file at once, so that a
    /// session killed later still keeps it.
    private func remember(_ line: String) {
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
           let lastLine = last.pointee.line, String(cString: lastLine) == line {
            return
        }
        add_history(line)
        if let historyPath { append_history(1, historyPath) }
    }

    /// Creates the history file's folder and the file itself (readline only appends to files
    /// that exist).
    private static func prepareHistoryFile(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard StatePaths.ensureDirectory(folder) else { return false }
        if !FileManager.default.fileExists(atPath: path) {
            return FileManager.default.createFile(atPath: path, contents: nil)
        }
        return true
    }
}
