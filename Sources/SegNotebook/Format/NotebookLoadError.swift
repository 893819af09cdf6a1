import Foundation

/// A problem at a place in a notebook file, with a 1-based line and column of that file.
public struct NotebookDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The notebook path as given, or "<notebook>".
    public var file: String
    /// The 1-based notebook-file line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// What is wrong.
    public var message: String
    /// The offending line of the file, for the caret display.
    public var sourceLine: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, message: String, sourceLine: String) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.sourceLine = sourceLine
    }

    /// `file:line:column: error: message`, the source line and a caret.
    public var description: String {
        let caret = String(repeating: " ", count: max(column - 1, 0)) + "^"
        return "\(file):\(line):\(column): error: \(message)\n    \(sourceLine)\n    \(caret)"
    }
}

/// A notebook that cannot be run: unreadable, or with malformed header lines (all of them listed).
public struct NotebookLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every header problem found, in file order; empty when the file itself could not be read.
    public var diagnostics: [NotebookDiagnostic]
    /// A summary when the file could not be read at all.
    public var readFailure: String?

    /// Creates a load error.
    public init(diagnostics: [NotebookDiagnostic], readFailure: String? = nil) {
        self.diagnostics = diagnostics; self.readFailure = readFailure
    }

    /// Every diagnostic, one after another.
    public var description: String {
        if let readFailure { return readFailure }
        return diagnostics.map(\.description).joined(separator: "\n")
    }
}
