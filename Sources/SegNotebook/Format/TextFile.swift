import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a notebook or script file could not be read, as the end of a sentence ("no such file").
public struct TextFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, lower-case, without the path.
    public var reason: String
    public var description: String { reason }
}

/// Reads the text files the user names (notebooks, scripts): only regular files, opened without
/// blocking (a FIFO with no writer must not hang the tool) and up to a size bound.
public enum TextFile {
    /// The largest file read: far beyond any notebook, far below what exhausts memory.
    public static let maximumBytes = 256 << 20

    /// The file's UTF-8 text; throws `TextFileError` saying why not.
    public static func read(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw TextFileError(reason: errno == ENOENT ? "no such file" : FileErrorText.posixReason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw TextFileError(reason: FileErrorText.posixReason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw TextFileError(reason: "it is a directory")
        case S_IFIFO: throw TextFileError(reason: "it is a pipe (FIFO), not a regular file")
        case S_IFCHR, S_IFBLK: throw TextFileError(reason: "it is a device, not a regular file")
        case S_IFSOCK: throw TextFileError(reason: "it is a socket, not a regular file")
        default: throw TextFileError(reason: "it is not a regular file")
        }
        guard info.st_size <= maximumBytes else {
            throw TextFileError(reason: "it is \(info.st_size) bytes, more than the \(maximumBytes >> 20) MB a notebook or script may have")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw TextFileError(reason: FileErrorText.posixReason(errno)) }
            if count == 0 { break }
            filled += count
        }
        guard let text = String(bytes: bytes[..<filled], encoding: .utf8) else { throw TextFileError(reason: "it is not UTF-8 text") }
        return text
    }
}
