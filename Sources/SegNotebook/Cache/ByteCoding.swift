import Foundation

/// Appends little-endian integers, doubles, strings and byte blobs to a growing buffer.
struct ByteWriter {
    var data = Data()

    mutating func u8(_ value: UInt8) { data.append(value) }

    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }

    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }

    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }

    mutating func double(_ value: Double) { u64(value.bitPattern) }

    mutating func bool(_ value: Bool) { u8(value ? 1 : 0) }

    mutating func string(_ value: String) { blob(Data(value.utf8)) }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func blob(_ value: Data) {
        u64(UInt64(value.count))
        data.append(value)
    }

    mutating func doubles(_ values: [Double]) {
        u64(UInt64(values.count))
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }

    mutating func strings(_ values: [String]) {
        u32(UInt32(values.count))
        for value in values { string(value) }
    }
}

/// A malformed or truncated byte stream.
struct ByteReaderError: Error, CustomStringConvertible {
    var description: String
}

/// Reads what `ByteWriter` wrote, checking every length against the bytes left.
struct ByteReader {
    let data: Data
    var offset: Int

    init(_ data: Data) { self.data = data; self.offset = data.startIndex }

    var remaining: Int { data.endIndex - offset }

    mutating func take(_ count: Int) throws -> Data {
        guard count >= 0, count <= remaining else {
            throw ByteReaderError(description: "truncated data: wanted \(count) bytes at offset \(offset - data.startIndex), \(remaining) left")
        }
        let slice = data[offset..<(offset + count)]
        offset += count
        return slice
    }

    mutating func u8() throws -> UInt8 { try take(1).first ?? 0 }

    mutating func u32() throws -> UInt32 {
        let bytes = try take(4)
        return bytes.reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func u64() throws -> UInt64 {
        let bytes = try take(8)
        return bytes.reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    mutating func int() throws -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try u64())) }

    mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    mutating func bool() throws -> Bool { try u8() != 0 }

    mutating func count() throws -> Int {
        let value = try u64()
        guard value <= UInt64(remaining) else { throw ByteReaderError(description: "truncated data: length \(value) exceeds the \(remaining) bytes left") }
        return Int(value)
    }

    /// A slice of the underlying bytes (no copy: entries are read into memory once, then sliced).
    mutating func blob() throws -> Data { try take(try count()) }

    mutating func string() throws -> String {
        let bytes = try take(try count())
        guard let text = String(data: bytes, encoding: .utf8) else { throw ByteReaderError(description: "invalid UTF-8 in a stored string") }
        return text
    }

    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

    mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }

    mutating func doubles() throws -> [Double] {
        let count = try u64()
        guard count <= UInt64(remaining / 8) else { throw ByteReaderError(description: "truncated data: \(count) doubles do not fit") }
        let bytes = try take(Int(count) * 8)
        var values = [Double](repeating: 0, count: Int(count))
        values.withUnsafeMutableBytes { target in bytes.withUnsafeBytes { source in target.copyMemory(from: source) } }
        return values
    }

    mutating func strings() throws -> [String] {
        let count = try u32()
        guard count <= UInt32(min(remaining, Int(UInt32.max))) else { throw ByteReaderError(description: "truncated data: too many strings") }
        return try (0..<count).map { _ in try string() }
    }
}
