import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file the user named (a report, an export) could not be written, as a sentence.
public struct OutputFileError: Error, CustomStringConvertible, Equatable {
    /// The path as the user gave it.
    public var path: String
    /// What went wrong.
    public var reason: String
    /// `cannot write PATH: REASON`.
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file the user named the way other command-line tools do: through a symlink to its
/// target, straight into a FIFO or character device (`/dev/stdout`, `/dev/null`), and a regular
/// file (or a new path) atomically, by a temporary file in the same folder renamed over it, so a
/// reader never sees half a report. A symlink or device node itself is never replaced.
public enum OutputFile {
    /// Writes `data` to `path`; throws `OutputFileError`.
    public static func write(_ data: Data, to path: String) throws {
        let target = try resolveSymlinks(path)
        var info = stat()
        guard lstat(target, &info) == 0 else {
            if errno == ENOENT { return try replaceAtomically(data, at: target, mode: nil, userPath: path) }
            throw OutputFileError(path: path, reason: systemReason(errno))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: try replaceAtomically(data, at: target, mode: info.st_mode & 0o7777, userPath: path)
        case S_IFIFO, S_IFCHR: try writeInPlace(data, to: target, userPath: path)
        case S_IFDIR: throw OutputFileError(path: path, reason: "it is a folder")
        case S_IFBLK: throw OutputFileError(path: path, reason: "it is a block device; refusing to write over a disk")
        default: throw OutputFileError(path: path, reason: "it is not a regular file, a FIFO or a character device")
        }
    }

    /// The path a chain of symlinks ends at (which may not exist yet); relative links resolve
    /// against the folder of the link.
    static func resolveSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw OutputFileError(path: path, reason: systemReason(errno)) }
            let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : (directory(of: current) as NSString).appendingPathComponent(destination)
        }
        throw OutputFileError(path: path, reason: "too many levels of symbolic links")
    }

    /// Opens an existing FIFO or device and writes everything; nothing is created, renamed or truncated.
    static func writeInPlace(_ data: Data, to target: String, userPath: String) throws {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw OutputFileError(path: userPath, reason: systemReason(errno)) }
        defer { close(descriptor) }
        try withoutPipeSignal { try writeAll(data, to: descriptor, userPath: userPath) }
    }

    /// Runs `body` with SIGPIPE blocked on this thread, so a pipe whose reader went away fails the
    /// write with EPIPE instead of killing the process; a SIGPIPE it raised is discarded.
    static func withoutPipeSignal<T>(_ body: () throws -> T) rethrows -> T {
        var pipeSignal = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var immediately = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &immediately)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return try body()
    }

    /// A temporary file beside `target`, written, flushed, given the old file's mode (or the
    /// default one), then renamed over `target`. The temporary file is removed on any failure.
    static func replaceAtomically(_ data: Data, at target: String, mode: mode_t?, userPath: String) throws {
        let folder = directory(of: target)
        let name = (target as NSString).lastPathComponent
        var template = Array((folder as NSString).appendingPathComponent(".\(name).XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw OutputFileError(path: userPath, reason: systemReason(errno)) }
        let temporary = String(cString: template)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            try writeAll(data, to: descriptor, userPath: userPath)
            guard fchmod(descriptor, mode ?? defaultMode()) == 0, fsync(descriptor) == 0 else {
                throw OutputFileError(path: userPath, reason: systemReason(errno))
            }
        }
        guard rename(temporary, target) == 0 else { throw OutputFileError(path: userPath, reason: systemReason(errno)) }
        renamed = true
    }

    static func writeAll(_ data: Data, to descriptor: Int32, userPath: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputFileError(path: userPath, reason: systemReason(errno))
                }
                offset += written
            }
        }
    }

    /// 0666 less the process's umask, as `open(O_CREAT)` would give a new file.
    static func defaultMode() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }

    static func directory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The system's sentence for an errno value, with the common ones in plain words.
    static func systemReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "the folder does not exist"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on the device"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case EPIPE: return "the program reading the pipe stopped reading"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
