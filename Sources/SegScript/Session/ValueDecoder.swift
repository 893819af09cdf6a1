/// Reads `ValueEncoder`'s bytes back: every list, dict and object gets a slot as it is read so
/// later references restore the very same value. Bad bytes are errors, never crashes.
struct ValueDecoder {
    private var reader: ByteReader<[UInt8]>
    private let registry: Registry
    private let environment: (String) -> Value?
    /// Restored lists, dicts and objects by slot; nil while an object's references are read.
    private var slots: [Value?] = []
    private var partsBySlot: [Int: [Value]] = [:]

    init(bytes: [UInt8], registry: Registry, environment: @escaping (String) -> Value?) {
        reader = ByteReader(bytes, what: "value")
        self.registry = registry
        self.environment = environment
    }

    mutating func decodeAll() throws -> [(name: String, value: Value)] {
        guard reader.remaining >= ValueCodec.magic.count + 1,
              try reader.take(ValueCodec.magic.count).elementsEqual(ValueCodec.magic) else { throw reader.corrupt("bad header") }
        let version = try reader.u8()
        guard version == ValueCodec.formatVersion else {
            throw reader.corrupt("format version \(version), expected \(ValueCodec.formatVersion) (stored by another version of segnb)")
        }
        let ownerCount = try reader.count()
        for _ in 0..<ownerCount { _ = try read(depth: 0) }
        let count = try reader.count()
        var result: [(name: String, value: Value)] = []
        for _ in 0..<count {
            let name = try reader.string()
            result.append((name: name, value: try read(depth: 0)))
        }
        guard reader.isAtEnd else { throw reader.corrupt("trailing bytes") }
        return result
    }

    private mutating func read(depth: Int) throws -> Value {
        if depth > ValueCodec.maxDepth { throw reader.corrupt("nested too deep") }
        let raw = try reader.u8()
        guard let tag = ValueCodec.Tag(rawValue: raw) else { throw reader.corrupt("unknown tag \(raw)") }
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int: return .int(try reader.int())
        case .float: return .float(try reader.double())
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
            let inclusive = try reader.bool()
            guard step != 0 else { throw reader.corrupt("range with step 0") }
            return .range(RangeBox(start: start, end: end, inclusive: inclusive, step: step))
        case .object:
            let slot = slots.count
            slots.append(nil)
            let name = try reader.string()
            let payload = Array(try reader.blob())
            let n = try reader.count()
            var references: [Value] = []
            for _ in 0..<n { references.append(try read(depth: depth + 1)) }
            guard let decode = registry.decoders[name] else { throw reader.corrupt("no decoder registered for '\(name)'") }
            let value = try decode(payload, references)
            slots[slot] = value
            return value
        case .builtin:
            let module = try reader.string(), name = try reader.string()
            guard let b = registry.function(name, module: module.isEmpty ? nil : module) else {
                throw reader.corrupt("unknown built-in '\(name)'")
            }
            return .builtin(BuiltinFunction(b))
        case .shared:
            let s = try reader.int()
            guard slots.indices.contains(s), let value = slots[s] else { throw reader.corrupt("reference to value \(s), which is not restored yet") }
            return value
        case .part:
            let s = try reader.int(), j = try reader.int()
            guard slots.indices.contains(s), case .object(let owner)? = slots[s] else { throw reader.corrupt("part of value \(s), which is not an object") }
            let parts = partsBySlot[s] ?? owner.sharedParts
            partsBySlot[s] = parts
            guard parts.indices.contains(j) else { throw reader.corrupt("part \(j) of a \(owner.typeName) with \(parts.count) parts") }
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
            switch try reader.u8() {
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
            case let t: throw reader.corrupt("unknown path step \(t)")
            }
        }
        return value
    }
}
