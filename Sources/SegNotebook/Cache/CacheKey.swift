import Crypto
import Foundation

/// One ingredient of a cell's cache key, kept by name so `segnb explain` can say what changed.
public struct KeyPart: Sendable, Equatable, Codable {
    /// What the part is: format, identity, source, options, seed, input, param, depends.
    public var kind: String
    /// Which one (the input's name, the file's path); empty for single parts.
    public var name: String
    /// The part's value (a hash, a literal, a producing cell and its key).
    public var value: String

    /// Creates a key part.
    public init(kind: String, name: String = "", value: String) { self.kind = kind; self.name = name; self.value = value }
}

/// A fingerprint of a data file a cell read while running: its content's hash (see `DataFileIndex`).
public struct FileFingerprint: Sendable, Equatable {
    /// The file's path as read.
    public var path: String
    /// `sha256:HEX` of the content, or "missing".
    public var fingerprint: String

    /// Creates a fingerprint record.
    public init(path: String, fingerprint: String) { self.path = path; self.fingerprint = fingerprint }
}

/// SHA-256 of a regular file's bytes, read in chunks.
enum ContentHash {
    static let prefix = "sha256:"

    /// `sha256:HEX`, or `sha256:` and what the path is instead of a readable regular file.
    static func of(path: String) -> String {
        switch hex(path: path) {
        case .success(let hex): return prefix + hex
        case .failure(let failure): return prefix + failure.rawValue
        }
    }

    /// Why a path has no content hash.
    enum Failure: String, Error { case missing, notRegular = "not a regular file", unreadable }

    /// The lowercase hex SHA-256 of a regular file's bytes.
    static func hex(path: String) -> Result<String, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.missing) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return .failure(.unreadable) }
            // nil or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return .success(hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

/// SHA-256 helpers for cache keys.
public enum CacheHashing {
    /// The cache format version: part of every key, so a format change invalidates old entries.
    public static let formatVersion = "segnb-cache-1"

    /// Lowercase hex SHA-256 of bytes.
    public static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Lowercase hex SHA-256 of a string's UTF-8.
    public static func hex(_ text: String) -> String { hex(Data(text.utf8)) }

    /// The key over parts, in order, each part length-prefixed so that no two part lists collide.
    public static func key(_ parts: [KeyPart]) -> String {
        var hasher = SHA256()
        for part in parts {
            for field in [part.kind, part.name, part.value] {
                let bytes = Data(field.utf8)
                withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(data: bytes)
            }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The key dependents see: the cell's key joined with the fingerprints of the data files it read.
    public static func effectiveKey(_ key: String, files: [FileFingerprint]) -> String {
        if files.isEmpty { return key }
        return self.key([KeyPart(kind: "key", value: key)] + files.map { KeyPart(kind: "file", name: $0.path, value: $0.fingerprint) })
    }

    /// A cell's random-stream seed from the notebook seed and the cell's identity.
    public static func cellSeed(notebookSeed: String, identity: String) -> UInt64 {
        let digest = SHA256.hash(data: Data("seed:\(notebookSeed)\u{0}cell:\(identity)".utf8))
        return digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }
}
