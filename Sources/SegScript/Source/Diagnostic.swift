/// One message about a span of a source file, as the lexer, parser and interpreter raise it;
/// `located` gives what the displays render.
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

    /// The diagnostic with its place resolved to a line, a column, a span width and the line's text.
    public var located: LocatedDiagnostic {
        guard let r = range else { return LocatedDiagnostic(message: message, source: "") }
        let lineEndOffset = r.file.lineStarts[r.file.lineIndex(of: r.start)] + r.sourceLine.utf8.count
        let spanEnd = min(r.end, lineEndOffset, r.file.bytes.count)
        let spanText = String(decoding: r.file.bytes[min(r.start, spanEnd)..<spanEnd], as: UTF8.self)
        return LocatedDiagnostic(message: message, source: r.file.name, line: r.line, column: r.column,
                                 length: spanText.unicodeScalars.count, sourceLine: r.sourceLine)
    }

    /// `name:line:col: error: message`, the source line and a `^~~~` underline.
    public var description: String { located.description }
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
