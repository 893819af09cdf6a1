import Foundation

/// The outcome of looking a key up in the cache.
public enum CacheLookup: Sendable, Equatable {
    /// A valid entry.
    case hit(CacheEntry)
    /// No entry under this key.
    case miss
    /// An entry that was corrupt or truncated; it has been deleted. The text says what was wrong.
    case dropped(String)
}

/// A summary of the cache folder for `segnb cache status`.
public struct CacheStatus: Sendable, Equatable, CustomStringConvertible {
    /// The folder.
    public var directory: String
    /// Number of entries.
    public var entryCount: Int
    /// Bytes used by entries.
    public var totalBytes: Int64
    /// The last use of the least recently used entry.
    public var oldestUse: Date?
    /// The last use of the most recently used entry.
    public var newestUse: Date?

    /// Human-readable status lines.
    public var description: String {
        var lines = ["cache: \(directory)", "entries: \(entryCount)", "size: \(CacheStore.formatSize(totalBytes))"]
        let formatter = ISO8601DateFormatter()
        if let oldestUse { lines.append("least recently used: \(formatter.string(from: oldestUse))") }
        if let newestUse { lines.append("most recently used: \(formatter.string(from: newestUse))") }
        return lines.joined(separator: "\n")
    }
}

/// The cache folder: one file per entry named by key, written atomically (temp file, then rename).
public final class CacheStore {
    /// The folder holding the entries.
    public let directory: URL
    static let entryExtension = "entry"
    static let tempPrefix = "tmp-"

    /// The default folder for a notebook: `.segnb-cache/` beside it.
    public static func defaultDirectory(forNotebook path: String) -> URL {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".segnb-cache", isDirectory: true)
    }

    /// Opens (without creating) a cache folder.
    public init(directory: URL) { self.directory = directory }

    func url(forKey key: String) -> URL { directory.appendingPathComponent("\(key).\(Self.entryExtension)") }

    /// Loads and verifies an entry; a corrupt or truncated one is deleted and reported, never trusted.
    public func load(key: String) -> CacheLookup {
        let url = url(forKey: key)
        // Read, not mapped: a file truncated behind a mapping would crash the process on access.
        guard let data = try? Data(contentsOf: url) else { return .miss }
        do {
            let entry = try CacheEntryCoding.decode(data)
            guard entry.key == key else { throw CacheEntryCoding.Invalid(description: "entry holds key \(entry.key.prefix(12))") }
            touch(url)
            return .hit(entry)
        } catch {
            try? FileManager.default.removeItem(at: url)
            return .dropped("dropped corrupt cache entry \(url.lastPathComponent): \(ErrorText.describe(error))")
        }
    }

    /// Whether a valid-looking entry file exists (no verification).
    public func contains(key: String) -> Bool { FileManager.default.fileExists(atPath: url(forKey: key).path) }

    /// Writes an entry atomically: a half-written entry never carries the final name.
    public func save(_ entry: CacheEntry) throws {
        try prepareForWriting()
        let temp = directory.appendingPathComponent("\(Self.tempPrefix)\(UUID().uuidString)")
        let data = CacheEntryCoding.encode(entry)
        do {
            try data.write(to: temp)
            if rename(temp.path, url(forKey: entry.key).path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url(forKey: entry.key).path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Marks an entry as just used (its modification time is its last use, for LRU pruning).
    func touch(_ url: URL) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: url.path)
    }

    /// Entry files with size and last use.
    func entries() -> [(url: URL, bytes: Int64, lastUse: Date)] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        guard let urls = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys) else { return [] }
        return urls.filter { Self.isEntryName($0.lastPathComponent) }.map { url in
            let values = try? url.resourceValues(forKeys: Set(keys))
            return (url, Int64(values?.fileSize ?? 0), values?.contentModificationDate ?? .distantPast)
        }
    }

    /// Removes temp files left by interrupted runs (older than a minute, so a concurrent writer is spared).
    public func removeStaleTemporaries(olderThan age: TimeInterval = 60) {
        // Only in a cache folder: elsewhere a `tmp-` file is someone else's.
        guard hasMarker, let urls = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey]) else { return }
        for url in urls where Self.isTemporaryName(url.lastPathComponent, inMarkedFolder: true) {
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if Date().timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: url) }
        }
    }

    /// `segnb cache status`.
    public func status() -> CacheStatus {
        let all = entries()
        return CacheStatus(directory: directory.path, entryCount: all.count, totalBytes: all.reduce(0) { $0 + $1.bytes },
                           oldestUse: all.map(\.lastUse).min(), newestUse: all.map(\.lastUse).max())
    }

    /// `segnb cache clear`: removes every entry, temp file and manifest, and nothing else (the
    /// marker stays, and so does any file segnb did not write); returns the number of entries removed.
    @discardableResult
    public func clear() -> Int {
        let count = entries().count
        guard let urls = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) else { return 0 }
        let marked = hasMarker
        for url in urls where Self.isRemovableName(url.lastPathComponent, inMarkedFolder: marked) { try? FileManager.default.removeItem(at: url) }
        return count
    }

    /// `segnb cache prune --max-size`: removes least recently used entries until the total fits; returns how many went.
    @discardableResult
    public func prune(maxBytes: Int64) -> Int {
        var all = entries().sorted { $0.lastUse < $1.lastUse }
        var total = all.reduce(0) { $0 + $1.bytes }
        var removed = 0
        while total > maxBytes, !all.isEmpty {
            let oldest = all.removeFirst()
            try? FileManager.default.removeItem(at: oldest.url)
            total -= oldest.bytes
            removed += 1
        }
        return removed
    }

    /// Parses `500M`, `2G`, `100KB`, `1.5GiB`, `1024` (bytes; K/M/G are powers of 1024).
    public static func parseSize(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if unit.hasSuffix("IB") { unit = String(unit.dropLast(2)) } else if unit.hasSuffix("B") { unit = String(unit.dropLast()) }
        let scale: Double
        switch unit {
        case "": scale = 1
        case "K": scale = 1024
        case "M": scale = 1024 * 1024
        case "G": scale = 1024 * 1024 * 1024
        case "T": scale = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        // A bound past what Int64 holds is larger than any cache: nothing needs pruning.
        let bytes = number * scale
        return bytes < Double(Int64.max) ? Int64(bytes) : Int64.max
    }

    /// `12.3 MB` style sizes.
    public static func formatSize(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
