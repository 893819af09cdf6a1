import SegNotebook
import SegScript

/// Reading the notebook or script a command was given; an unreadable file is a usage error (2).
enum InputFile {
    /// The file's text, or a `CommandFailure` with status 2 naming the file and the reason
    /// (missing, a folder, a FIFO or device, permission, too large, not UTF-8).
    static func read(_ path: String, what: String) throws -> String {
        do {
            // Lines as the parser counts them, so that error carets point at the right line.
            return SourceFile.normalizingLineEnds(try TextFile.read(path))
        } catch let error as TextFileError {
            throw CommandFailure.usage("cannot read \(what) '\(path)': \(error.reason)")
        }
    }
}
