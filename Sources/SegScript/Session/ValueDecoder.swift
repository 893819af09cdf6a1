/// Reads `ValueEncoder`'s bytes back: every list, dict and object gets a slot as it is read so
/// later references restore the very same value. Bad bytes are errors, never crashes.
struct ValueDecoder {
    private var reader: ByteCursor
    private let registry: Registry
    private let environment: (String) -> Value?
    /// Restored lists, dicts and objects by slot; nil while an object's references are read.
    private var slots: [Value?] = []
    private var partsBySlot: [Int: [Value]] = [:]

    init(bytes: [UInt8], registry: Registry, environment: @escaping (String) -> Value?) {
        reader = ByteCursor(bytes: bytes)
        self.registry = registry
        self.environment = environment
    }

    mutating func decodeAll() throws -> [(name: String, value: Value)] {
        guard reader.bytes.count >= ValueCodec.magic.count + 1,
              try reader.take(ValueCodec.magic.count) == ValueCodec.magic else { throw ValueCodec.corrupt("bad header") }
        let version = try reader.byte()
        guard version == ValueCodec.formatVersion else {
            throw ValueCodec.corrupt("format version \(version), expected \(ValueCodec.formatVersion) (stored by another version of segnb)")
        }
        let ownerCount = try reader.count()
        for _ in 0..<ownerCount { _ = try read(depth: 0) }
        let count = try reader.count()
        var result: [(name: String, value: Value)] = []
        for _ in 0..<count {
            let name = try reader.string()
            result.append((name: name, value: try read(depth: 0)))
        }
        guard reader.offset == reader.bytes.count else { throw ValueCodec.corrupt("trailing bytes") }
        return result
    }

    private mutating func read(depth: Int) throws -> Value {
        if depth > ValueCodec.maxDepth { throw ValueCodec.corrupt("nested too deep") }
        let raw = try reader.byte()
        guard let tag = ValueCodec.Tag(rawValue: raw) else { throw ValueCodec.corrupt("unknown tag \(raw)") }
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int: return .int(try reader.int())
        case .float: return .float(Double(bitPattern: UInt64(bitPattern: Int64(try reader.int()))))
        case .string: return .string(try reader.string())
        case .list:
            let n = try reader.count()
            let box = ListBox([])
            slots.append(.list(box))
            var items: [Value] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try read(depth: depth + 1)) }
            box.mutate { $0 = items }
            return .list(box)
        case .dict:
            let n = try reader.count()
            let box = DictBox()
            slots.append(.dict(box))
            for _ in 0..<n {
                let k = try reader.string()
                box.set(k, try read(depth: depth + 1))
            }
            return .dict(box)
        case .range:
            let start = try reader.int(), end = try reader.int(), step = try reader.int()
            let inclusive = try reader.byte() == 1
            guard step != 0 else { throw ValueCodec.corrupt("range with step 0") }
            return .range(RangeBox(start: start, end: end, inclusive: inclusive, step: step))
        case .object:
            let slot = slots.count
            slots.append(nil)
            let name = try reader.string()
            let payload = try reader.take(try reader.count())
            let n = try reader.count()
            var references: [Value] = []
            for _ in 0..<n { references.append(try read(depth: depth + 1)) }
            guard let decode = registry.decoders[name] else { throw ValueCodec.corrupt("no decoder registered for '\(name)'") }
            let value = try decode(payload, references)
            slots[slot] = value
            return value
        case .builtin:
            let module = try reader.string(), name = try reader.string()
            guard let b = registry.function(name, module: module.isEmpty ? nil : module) else {
                throw ValueCodec.corrupt("unknown built-in '\(name)'")
            }
            return .builtin(BuiltinFunction(b))
        case .shared:
            let s = try reader.int()
            guard slots.indices.contains(s), let value = slots[s] else { throw ValueCodec.corrupt("reference to value \(s), which is not restored yet") }
            return value
        case .part:
            let s = try reader.int(), j = try reader.int()
            guard slots.indices.contains(s), case .object(let owner)? = slots[s] else { throw ValueCodec.corrupt("part of value \(s), which is not an object") }
            let parts = partsBySlot[s] ?? owner.sharedParts
            partsBySlot[s] = parts
            guard parts.indices.contains(j) else { throw ValueCodec.corrupt("part \(j) of a \(owner.typeName) with \(parts.count) parts") }
            return parts[j]
        case .external:
            return try readExternal()
        }
    }

    /// A value of the environment: a name, then indices, keys and parts to follow.
    private mutating func readExternal() throws -> Value {
        let name = try reader.string()
        let n = try reader.count()
        guard var value = environment(name) else {
            throw ScriptError("the stored value refers to `\(name)`, which is not defined")
        }
        let lost = ScriptError("the stored value refers to something inside `\(name)` that it no longer holds")
        for _ in 0..<n {
            switch try reader.byte() {
            case 0:
                let i = try reader.int()
                guard case .list(let l) = value, l.items.indices.contains(i) else { throw lost }
                value = l.items[i]
            case 1:
                let k = try reader.string()
                guard case .dict(let d) = value, let x = d[k] else { throw lost }
                value = x
            case 2:
                let j = try reader.int()
                guard case .object(let o) = value else { throw lost }
                let parts = o.sharedParts
                guard parts.indices.contains(j) else { throw lost }
                value = parts[j]
            case let t: throw ValueCodec.corrupt("unknown path step \(t)")
            }
        }
        return value
    }
}

/// Little-endian Ints and length-prefixed strings over bytes, failing cleanly on truncation.
struct ByteCursor {
    let bytes: [UInt8]
    var offset = 0

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw ValueCodec.corrupt("truncated") }
        offset += 1
        return bytes[offset - 1]
    }

    mutating func take(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= bytes.count - offset else { throw ValueCodec.corrupt("truncated") }
        offset += n
        return Array(bytes[(offset - n)..<offset])
    }

    mutating func int() throws -> Int {
        var u: UInt64 = 0
        for (k, b) in try take(8).enumerated() { u |= UInt64(b) << (8 * UInt64(k)) }
        return Int(Int64(bitPattern: u))
    }

    /// A count of following items: never negative nor more than the bytes left.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw ValueCodec.corrupt("bad length \(n)") }
        return n
    }

    mutating func string() throws -> String { String(decoding: try take(try count()), as: UTF8.self) }
}
