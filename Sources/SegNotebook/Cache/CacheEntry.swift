import Crypto
import Foundation
import SegScript

/// What the cache keeps for one executed cell: the bindings it wrote and its outputs.
public struct CacheEntry: Sendable, Equatable {
    /// The cell's key (hex SHA-256), also the entry's file name.
    public var key: String
    /// The cell as diagnostics named it when the entry was written.
    public var cellLabel: String
    /// Seconds the cell took to run.
    public var runSeconds: Double
    /// Names the cell wrote (static writes that got bound, and mutated values).
    public var writes: [String]
    /// Data files the cell read, with their fingerprints at the time.
    public var files: [FileFingerprint]
    /// The ingredients of `key`, for `segnb explain`.
    public var keyParts: [KeyPart]
    /// The cell's outputs in order.
    public var outputs: [CellOutput]
    /// The stored bindings, name and bytes from the evaluator.
    public var bindings: [(name: String, data: Data)]

    /// Creates an entry.
    public init(key: String, cellLabel: String, runSeconds: Double, writes: [String], files: [FileFingerprint],
                keyParts: [KeyPart], outputs: [CellOutput], bindings: [(name: String, data: Data)]) {
        self.key = key; self.cellLabel = cellLabel; self.runSeconds = runSeconds; self.writes = writes
        self.files = files; self.keyParts = keyParts; self.outputs = outputs; self.bindings = bindings
    }

    public static func == (lhs: CacheEntry, rhs: CacheEntry) -> Bool {
        lhs.key == rhs.key && lhs.cellLabel == rhs.cellLabel && lhs.runSeconds == rhs.runSeconds && lhs.writes == rhs.writes
            && lhs.files == rhs.files && lhs.keyParts == rhs.keyParts && lhs.outputs == rhs.outputs
            && lhs.bindings.map(\.name) == rhs.bindings.map(\.name) && lhs.bindings.map(\.data) == rhs.bindings.map(\.data)
    }

    /// The key dependents of this cell see.
    public var effectiveKey: String { CacheHashing.effectiveKey(key, files: files) }
}

/// The on-disk form of an entry: magic, format number, body length, body, SHA-256 of the body.
/// Payloads (tensor bytes, PNGs, chart series) stay binary; nothing goes through JSON.
enum CacheEntryCoding {
    static let magic = Data("SEGNBCE\u{1}".utf8)
    static let format: UInt32 = 1

    /// Why bytes are not a valid entry.
    struct Invalid: Error, CustomStringConvertible { var description: String }

    static func encode(_ entry: CacheEntry) -> Data {
        var body = ByteWriter<Data>()
        body.string(entry.key)
        body.string(entry.cellLabel)
        body.double(entry.runSeconds)
        body.strings(entry.writes)
        body.u32(UInt32(entry.files.count))
        for file in entry.files { body.string(file.path); body.string(file.fingerprint) }
        body.u32(UInt32(entry.keyParts.count))
        for part in entry.keyParts { body.string(part.kind); body.string(part.name); body.string(part.value) }
        OutputCoding.write(entry.outputs, to: &body)
        body.u32(UInt32(entry.bindings.count))
        for binding in entry.bindings { body.string(binding.name); body.blob(binding.data) }

        var file = ByteWriter<Data>()
        file.bytes.reserveCapacity(body.bytes.count + 64)
        file.raw(magic)
        file.u32(format)
        file.u64(UInt64(body.bytes.count))
        file.raw(body.bytes)
        file.raw(SHA256.hash(data: body.bytes))
        return file.bytes
    }

    static func decode(_ data: Data) throws -> CacheEntry {
        var reader = ByteReader(data, what: "cache entry")
        guard (try? reader.take(magic.count)) == magic else { throw Invalid(description: "not a segnb cache entry (bad magic)") }
        let version = try reader.u32()
        guard version == format else { throw Invalid(description: "cache entry format \(version), expected \(format)") }
        let length = try reader.u64()
        guard UInt64(reader.remaining) == length + 32 else {
            throw Invalid(description: "truncated entry: \(reader.remaining) bytes after the header, expected \(length + 32)")
        }
        let bodyData = try reader.take(Int(length))
        let checksum = try reader.take(32)
        guard Data(SHA256.hash(data: bodyData)) == checksum else { throw Invalid(description: "checksum mismatch") }

        var body = ByteReader(bodyData, what: "cache entry body")
        let key = try body.string()
        let label = try body.string()
        let seconds = try body.double()
        // The report turns it into minutes and seconds: only a real duration is trusted.
        guard seconds.isFinite, seconds >= 0, seconds <= 1e12 else { throw Invalid(description: "invalid run time \(seconds)") }
        let writes = try body.strings()
        let fileCount = try body.u32()
        var files: [FileFingerprint] = []
        for _ in 0..<fileCount { files.append(FileFingerprint(path: try body.string(), fingerprint: try body.string())) }
        let partCount = try body.u32()
        var parts: [KeyPart] = []
        for _ in 0..<partCount { parts.append(KeyPart(kind: try body.string(), name: try body.string(), value: try body.string())) }
        let outputs = try OutputCoding.read(from: &body)
        let bindingCount = try body.u32()
        var bindings: [(name: String, data: Data)] = []
        for _ in 0..<bindingCount { bindings.append((name: try body.string(), data: try body.blob())) }
        return CacheEntry(key: key, cellLabel: label, runSeconds: seconds, writes: writes, files: files,
                          keyParts: parts, outputs: outputs, bindings: bindings)
    }
}
