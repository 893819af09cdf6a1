import Foundation
import SegScript

/// A notebook that cannot be run: unreadable, or with malformed header lines (all of them listed).
public struct NotebookLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every header problem found, in file order; empty when the file itself could not be read.
    public var diagnostics: [LocatedDiagnostic]
    /// A summary when the file could not be read at all.
    public var readFailure: String?

    /// Creates a load error.
    public init(diagnostics: [LocatedDiagnostic], readFailure: String? = nil) {
        self.diagnostics = diagnostics; self.readFailure = readFailure
    }

    /// Every diagnostic, one after another.
    public var description: String {
        if let readFailure { return readFailure }
        return diagnostics.map(\.description).joined(separator: "\n")
    }
}
