/// One message about a place in the source, rendered as `name:line:col: error: message`,
/// the source line and a caret under the place.
public struct Diagnostic: CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// Where (nil for errors without a place, e.g. raised by the host).
    public let range: SourceRange?

    /// Makes a diagnostic.
    public init(message: String, range: SourceRange?) {
        self.message = message
        self.range = range
    }

    /// The display name of the source, line and column, or nil.
    public var location: (file: String, line: Int, column: Int)? {
        guard let r = range else { return nil }
        return (r.file.name, r.line, r.column)
    }

    /// `name:line:col: error: message`, the source line and a `^~~~` caret.
    public var description: String {
        guard let r = range else { return "error: \(message)" }
        let line = r.sourceLine
        var text = "\(r.file.name):\(r.line):\(r.column): error: \(message)\n"
        text += "    \(line)\n"
        let col = r.column - 1
        let lineEndOffset = r.file.lineStarts[r.file.lineIndex(of: r.start)] + line.utf8.count
        let spanBytes = max(1, min(r.end, lineEndOffset) - r.start)
        let spanText = String(decoding: r.file.bytes[r.start..<min(r.file.bytes.count, r.start + spanBytes)], as: UTF8.self)
        let width = max(1, spanText.unicodeScalars.count)
        // Tabs in the prefix are kept so the caret lines up under tab-indented code.
        let prefix = line.unicodeScalars.prefix(col).map { $0 == "\t" ? "\t" : " " }.joined()
        text += "    " + prefix + "^" + String(repeating: "~", count: width - 1)
        return text
    }
}

/// One entry of a run-time call stack: the function and the place it was called from.
public struct StackEntry {
    /// The called function's name.
    public let function: String
    /// The call site.
    public let range: SourceRange?
}

/// The error every failure of the language surfaces as.
public struct ScriptError: Error, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind { case syntax, runtime, interrupted, notStorable }
    /// The kind.
    public let kind: Kind
    /// One diagnostic for run-time errors, every recovered syntax error for syntax errors.
    public var diagnostics: [Diagnostic]
    /// Innermost call first: the functions active when a run-time error happened.
    public var stack: [StackEntry]
    /// Call-stack entries left out of `stack` (deep recursion keeps the innermost 64 only).
    public var omittedStackEntries = 0

    /// An error with one message and no location yet (the interpreter adds the call site).
    public init(_ message: String, kind: Kind = .runtime) {
        self.kind = kind
        self.diagnostics = [Diagnostic(message: message, range: nil)]
        self.stack = []
    }

    init(kind: Kind, diagnostics: [Diagnostic], stack: [StackEntry] = []) {
        self.kind = kind
        self.diagnostics = diagnostics
        self.stack = stack
    }

    /// The first message.
    public var message: String { diagnostics.first?.message ?? "error" }
    /// The first diagnostic's place.
    public var range: SourceRange? { diagnostics.first?.range }

    /// Every diagnostic, then the call stack (innermost last, as Python prints it).
    public var description: String {
        var parts = diagnostics.map(\.description)
        if !stack.isEmpty {
            var trace = "call stack (most recent call last):"
            if omittedStackEntries > 0 { trace += "\n  ... \(omittedStackEntries) more calls" }
            for entry in stack.reversed() {
                if let r = entry.range {
                    trace += "\n  \(r.file.name):\(r.line):\(r.column): in \(entry.function)"
                } else {
                    trace += "\n  in \(entry.function)"
                }
            }
            parts.append(trace)
        }
        return parts.joined(separator: "\n")
    }
}
