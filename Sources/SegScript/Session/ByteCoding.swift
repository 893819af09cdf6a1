import Foundation

/// Appends little-endian integers, doubles, strings and length-prefixed blobs: the one writer
/// behind every stored format (values, layers, optimizers, tensors, cache entries, the data file
/// index), over `[UInt8]` or `Data`.
public struct ByteWriter<Bytes: RangeReplaceableCollection> where Bytes.Element == UInt8 {
    /// What has been written so far.
    public var bytes: Bytes

    /// An empty writer.
    @inlinable public init() { bytes = Bytes() }

    /// A writer continuing after `prefix` (a format's magic, say).
    @inlinable public init(prefix: Bytes) { bytes = prefix }

    /// One byte.
    @inlinable public mutating func u8(_ value: UInt8) { bytes.append(value) }

    /// 1 for true, 0 for false.
    @inlinable public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Four bytes, little-endian.
    @inlinable public mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    /// Eight bytes, little-endian.
    @inlinable public mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    /// A signed integer as eight bytes (two's complement).
    @inlinable public mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }

    /// A double's IEEE bit pattern as eight bytes.
    @inlinable public mutating func double(_ value: Double) { u64(value.bitPattern) }

    /// Bytes as they are, with no length (the reader must know how many follow).
    @inlinable public mutating func raw<Source: Sequence>(_ source: Source) where Source.Element == UInt8 { bytes.append(contentsOf: source) }

    /// A blob: its length as eight bytes, then the bytes.
    @inlinable public mutating func blob<Source: Collection>(_ source: Source) where Source.Element == UInt8 {
        u64(UInt64(source.count))
        bytes.append(contentsOf: source)
    }

    /// A string as a blob of its UTF-8.
    @inlinable public mutating func string(_ value: String) { blob(value.utf8) }

    /// A presence byte, then the string when there is one.
    @inlinable public mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// A presence byte, then the integer when there is one.
    @inlinable public mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    /// A count as eight bytes, then each double.
    @inlinable public mutating func doubles(_ values: [Double]) {
        u64(UInt64(values.count))
        for value in values { double(value) }
    }

    /// A count as four bytes, then each string.
    @inlinable public mutating func strings(_ values: [String]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for value in values { string(value) }
    }
}

/// Reads what `ByteWriter` wrote, checking every length against the bytes left: truncated or
/// corrupt input is a `ScriptError` naming the format and the byte offset, never a trap.
public struct ByteReader<Bytes: RandomAccessCollection> where Bytes.Element == UInt8, Bytes.Index == Int {
    /// The whole input.
    public let bytes: Bytes
    /// What the bytes hold, for messages: "stored \(what) is corrupt ...".
    public let what: String
    /// The next byte to read (an index of `bytes`).
    @usableFromInline var position: Int

    /// The next byte to read (an index of `bytes`).
    @inlinable public var offset: Int { position }

    /// A reader at the start of `bytes`, which hold a stored `what` ("layer", "cache entry").
    @inlinable public init(_ bytes: Bytes, what: String) {
        self.bytes = bytes
        self.what = what
        position = bytes.startIndex
    }

    /// How many bytes are left.
    @inlinable public var remaining: Int { bytes.endIndex - offset }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { offset == bytes.endIndex }

    /// An error about the bytes at the current offset: "stored layer is corrupt at byte 12: why".
    public func corrupt(_ why: String) -> ScriptError {
        ScriptError("stored \(what) is corrupt at byte \(offset - bytes.startIndex): \(why)")
    }

    /// The next `count` bytes (a slice, not a copy).
    @inlinable public mutating func take(_ count: Int) throws -> Bytes.SubSequence {
        guard count >= 0, count <= remaining else {
            throw corrupt(count < 0 ? "negative length \(count)" : "truncated (wanted \(count) bytes, \(remaining) left)")
        }
        defer { position += count }
        return bytes[offset..<(offset + count)]
    }

    /// One byte.
    @inlinable public mutating func u8() throws -> UInt8 {
        guard offset < bytes.endIndex else { throw corrupt("truncated (wanted 1 byte, 0 left)") }
        defer { position += 1 }
        return bytes[offset]
    }

    /// A byte that must be 0 or 1.
    @inlinable public mutating func bool() throws -> Bool {
        let start = position
        let value = try u8()
        guard value <= 1 else {
            position = start
            throw corrupt("flag \(value) is neither 0 nor 1")
        }
        return value == 1
    }

    /// Four bytes, little-endian.
    @inlinable public mutating func u32() throws -> UInt32 {
        var value: UInt32 = 0
        for (k, byte) in try take(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(k)) }
        return value
    }

    /// Eight bytes, little-endian.
    @inlinable public mutating func u64() throws -> UInt64 {
        var value: UInt64 = 0
        for (k, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(k)) }
        return value
    }

    /// A signed integer from eight bytes.
    @inlinable public mutating func int() throws -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try u64())) }

    /// A double from its eight-byte bit pattern.
    @inlinable public mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    /// An eight-byte count of following items, each at least `itemSize` bytes long: never
    /// negative, and never more items than the bytes left could hold.
    @inlinable public mutating func count(itemSize: Int = 1) throws -> Int {
        let value = try u64()
        guard value <= UInt64(remaining / max(itemSize, 1)) else {
            throw corrupt("count \(value) is more than the \(remaining) bytes left can hold")
        }
        return Int(value)
    }

    /// A four-byte count of following items (as `count(itemSize:)`).
    @inlinable public mutating func count32(itemSize: Int = 1) throws -> Int {
        let value = try u32()
        guard UInt64(value) <= UInt64(remaining / max(itemSize, 1)) else {
            throw corrupt("count \(value) is more than the \(remaining) bytes left can hold")
        }
        return Int(value)
    }

    /// A length-prefixed blob (a slice, not a copy).
    @inlinable public mutating func blob() throws -> Bytes.SubSequence { try take(try count()) }

    /// A blob holding valid UTF-8.
    public mutating func string() throws -> String {
        let start = offset
        let blob = try self.blob()
        guard let text = String(validating: blob, as: UTF8.self) else {
            position = start
            throw corrupt("invalid UTF-8 in a stored string")
        }
        return text
    }

    /// A presence byte, then the string when there is one.
    public mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    /// A presence byte, then the integer when there is one.
    public mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }

    /// What `ByteWriter.doubles` wrote.
    public mutating func doubles() throws -> [Double] {
        let count = try count(itemSize: 8)
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try double()) }
        return values
    }

    /// What `ByteWriter.strings` wrote.
    public mutating func strings() throws -> [String] {
        try (0..<(try count32(itemSize: 8))).map { _ in try string() }
    }
}
