import Foundation
import SegScript

/// Reading the notebook or script a command was given; an unreadable file is a usage error (2).
enum InputFile {
    /// The file's text, or a `CommandFailure` with status 2 naming the file and the reason.
    static func read(_ path: String, what: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure.usage("cannot read \(what) '\(path)': no such file")
        }
        guard !isDirectory.boolValue else {
            throw CommandFailure.usage("cannot read \(what) '\(path)': it is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.usage("cannot read \(what) '\(path)': permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure.usage("cannot read \(what) '\(path)': not UTF-8 text")
        }
        // Lines as the parser counts them, so that error carets point at the right line.
        return SourceFile.normalizingLineEnds(text)
    }
}
