import Crypto
import Foundation
import SegScript
import Glibc

/// Content fingerprints of the data files cells read (a dataset's ~1,400 PNGs), kept as git's
/// index keeps them: each file is hashed once, then recognised by path, size, modification time
/// (with nanoseconds), inode and device, and hashed again only when one of those changed. The
/// index is saved in the cache folder, so a cached re-run costs one `stat` per file.
public final class DataFileIndex {
    typealias Stamp = FileStamp

    struct Record {
        var stamp: Stamp
        var hash: String
        /// When the file was hashed (seconds since 1970).
        var hashedAt: Double
    }

    /// Where the index is saved; nil keeps it in memory (`--no-cache`).
    public let url: URL?
    private var records: [String: Record] = [:]
    private var dirty = false
    private let lock = NSLock()
    /// How many files were read and hashed, for tests and benchmarks.
    public private(set) var hashCount = 0

    /// The file name inside a cache folder.
    static let fileName = "data-files.index"
    private static let magic = "segnb-data-files-1"

    /// The index saved in `directory` (loaded now if present; a damaged index is ignored and rebuilt).
    public convenience init(cacheDirectory directory: URL) {
        self.init(url: directory.appendingPathComponent(Self.fileName))
    }

    /// An index saved at `url`, or kept in memory when nil.
    public init(url: URL?) {
        self.url = url
        if let url, let data = try? Data(contentsOf: url) { records = (try? Self.decode(data)) ?? [:] }
    }

    /// The file's content fingerprint (`sha256:...`), or "missing" when it cannot be read.
    public func fingerprint(_ path: String) -> FileFingerprint {
        lock.lock(); defer { lock.unlock() }
        guard let stamp = Self.stamp(path) else { return FileFingerprint(path: path, fingerprint: "missing") }
        if let record = records[path], record.stamp == stamp, Self.isSettled(record) {
            return FileFingerprint(path: path, fingerprint: record.hash)
        }
        // Only a regular file is opened: a FIFO would block and /dev/zero never ends.
        let hash: String
        switch ContentHash.hex(path: path) {
        case .success(let hex): hash = ContentHash.prefix + hex
        case .failure(let failure): return FileFingerprint(path: path, fingerprint: failure.rawValue)
        }
        hashCount += 1
        // Stat again: a file written while it was read keeps the older stamp, so it is read again next time.
        let after = Self.stamp(path) ?? stamp
        records[path] = Record(stamp: after == stamp ? stamp : Stamp(size: -1, modifiedSeconds: 0, modifiedNanoseconds: 0, inode: 0, device: 0),
                               hash: hash, hashedAt: Date().timeIntervalSince1970)
        dirty = true
        return FileFingerprint(path: path, fingerprint: hash)
    }

    /// Writes the index atomically if it changed; a failure only costs re-hashing next time.
    public func save() {
        lock.lock(); defer { lock.unlock() }
        guard dirty, let url else { return }
        let data = Self.encode(records)
        // The runner creates and marks the cache folder; an index never creates one of its own.
        if (try? data.write(to: url, options: .atomic)) != nil { dirty = false }
    }

    /// A record is trusted only when the file had not been modified within two seconds of its
    /// hashing: on a file system with coarse timestamps a later edit in the same tick would keep
    /// the stamp (git's "racily clean" entries). Such a file is hashed again until it has settled.
    static func isSettled(_ record: Record) -> Bool {
        Double(record.stamp.modifiedSeconds) + Double(record.stamp.modifiedNanoseconds) * 1e-9 + 2 < record.hashedAt
    }

    static func stamp(_ path: String) -> Stamp? { FileStamp.of(path) }

    static func encode(_ records: [String: Record]) -> Data {
        var writer = ByteWriter<Data>()
        writer.string(magic)
        writer.u64(UInt64(records.count))
        for (path, record) in records.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.u64(UInt64(bitPattern: record.stamp.size))
            writer.u64(UInt64(bitPattern: record.stamp.modifiedSeconds))
            writer.u64(UInt64(bitPattern: record.stamp.modifiedNanoseconds))
            writer.u64(record.stamp.inode)
            writer.u64(record.stamp.device)
            writer.string(record.hash)
            writer.double(record.hashedAt)
        }
        return writer.bytes
    }

    static func decode(_ data: Data) throws -> [String: Record] {
        var reader = ByteReader(data, what: "data file index")
        guard try reader.string() == magic else { throw reader.corrupt("not a data file index") }
        let count = try reader.count()
        var records: [String: Record] = [:]
        records.reserveCapacity(Int(count))
        for _ in 0..<count {
            let path = try reader.string()
            let stamp = Stamp(size: Int64(bitPattern: try reader.u64()), modifiedSeconds: Int64(bitPattern: try reader.u64()),
                              modifiedNanoseconds: Int64(bitPattern: try reader.u64()), inode: try reader.u64(), device: try reader.u64())
            records[path] = Record(stamp: stamp, hash: try reader.string(), hashedAt: try reader.double())
        }
        return records
    }
}

/// What `stat` says about a regular file: enough to notice that it was written, replaced or touched.
public struct FileStamp: Equatable, Sendable {
    /// Bytes.
    public var size: Int64
    /// Modification time: whole seconds since 1970 and the nanoseconds past them.
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64
    /// The inode and device (an editor that saves by renaming a new file changes them).
    public var inode: UInt64
    public var device: UInt64

    /// The stamp of a file, or nil when it does not exist or is not a regular file.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(size: Int64(info.st_size), modifiedSeconds: Int64(info.st_mtim.tv_sec),
                         modifiedNanoseconds: Int64(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }
}
