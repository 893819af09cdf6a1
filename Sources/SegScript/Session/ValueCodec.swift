/// Stores values as bytes and restores them: numbers, strings, booleans, nil, lists, dicts,
/// ranges, and native objects through their `encode()` and the registry's decoders. Functions
/// cannot be stored (re-run their definition: `Interpreter.definingSource(of:)`). Sharing
/// between values is not preserved: each stored value restores as its own tree.
public enum ValueCodec {
    static let magic: [UInt8] = Array("SEGV".utf8) + [1]

    /// The bytes of `value`; throws a `.notStorable` error naming what cannot be stored.
    public static func encode(_ value: Value) throws -> [UInt8] {
        var out = magic
        try write(value, &out, depth: 0)
        return out
    }

    /// Whether `value` can be stored (everything reachable is storable).
    public static func canStore(_ value: Value) -> Bool { (try? encode(value)) != nil }

    /// Restores a value; corrupt or truncated bytes are an error, never a crash.
    public static func decode(_ bytes: [UInt8], registry: Registry) throws -> Value {
        var reader = Reader(bytes: bytes)
        guard try reader.take(magic.count) == magic else { throw corrupt("bad header") }
        let v = try read(&reader, registry, depth: 0)
        guard reader.offset == bytes.count else { throw corrupt("trailing bytes") }
        return v
    }

    static func corrupt(_ why: String) -> ScriptError { ScriptError("stored value is corrupt: \(why)") }

    private static func notStorable(_ what: String) -> ScriptError { ScriptError("\(what) cannot be stored", kind: .notStorable) }

    private static func writeInt(_ i: Int, _ out: inout [UInt8]) {
        let u = UInt64(bitPattern: Int64(i))
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(k)))) }
    }

    private static func writeBytes(_ b: [UInt8], _ out: inout [UInt8]) {
        writeInt(b.count, &out)
        out += b
    }

    private static func write(_ v: Value, _ out: inout [UInt8], depth: Int) throws {
        if depth > 1000 { throw notStorable("a value nested more than 1000 deep (or containing itself)") }
        switch v {
        case .null: out.append(0)
        case .bool(let b): out.append(b ? 2 : 1)
        case .int(let i): out.append(3); writeInt(i, &out)
        case .float(let d): out.append(4); writeInt(Int(Int64(bitPattern: d.bitPattern)), &out)
        case .string(let s): out.append(5); writeBytes(Array(s.utf8), &out)
        case .list(let l):
            out.append(6)
            writeInt(l.items.count, &out)
            for x in l.items { try write(x, &out, depth: depth + 1) }
        case .dict(let d):
            out.append(7)
            writeInt(d.count, &out)
            for (k, x) in d.pairs {
                writeBytes(Array(k.utf8), &out)
                try write(x, &out, depth: depth + 1)
            }
        case .range(let r):
            out.append(8)
            writeInt(r.start, &out)
            writeInt(r.end, &out)
            writeInt(r.step, &out)
            out.append(r.inclusive ? 1 : 0)
        case .function(let c): throw notStorable("the function '\(c.info.name)'")
        case .builtin(let b):
            guard b.receiver == nil else { throw notStorable("a bound method") }
            out.append(10)
            writeBytes(Array((b.builtin.module ?? "").utf8), &out)
            writeBytes(Array(b.builtin.name.utf8), &out)
        case .object(let o):
            guard let e = try o.encode() else { throw notStorable("a \(o.typeName)") }
            out.append(9)
            writeBytes(Array(e.tag.utf8), &out)
            writeBytes(e.bytes, &out)
        }
    }

    private struct Reader {
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
        mutating func string() throws -> String { String(decoding: try take(try int()), as: UTF8.self) }
    }

    private static func read(_ r: inout Reader, _ registry: Registry, depth: Int) throws -> Value {
        if depth > 1000 { throw corrupt("nested too deep") }
        switch try r.byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try r.int())
        case 4: return .float(Double(bitPattern: UInt64(bitPattern: Int64(try r.int()))))
        case 5: return .string(try r.string())
        case 6:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count - r.offset else { throw corrupt("bad list length") }
            var items: [Value] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try read(&r, registry, depth: depth + 1)) }
            return .list(items)
        case 7:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count - r.offset else { throw corrupt("bad dict length") }
            let d = DictBox()
            for _ in 0..<n {
                let k = try r.string()
                d.set(k, try read(&r, registry, depth: depth + 1))
            }
            return .dict(d)
        case 8:
            let start = try r.int(), end = try r.int(), step = try r.int()
            let inclusive = try r.byte() == 1
            guard step != 0 else { throw corrupt("range with step 0") }
            return .range(RangeBox(start: start, end: end, inclusive: inclusive, step: step))
        case 9:
            let tag = try r.string()
            let payload = try r.take(try r.int())
            guard let decode = registry.decoders[tag] else { throw corrupt("no decoder registered for '\(tag)'") }
            return try decode(payload)
        case 10:
            let module = try r.string(), name = try r.string()
            guard let b = registry.function(name, module: module.isEmpty ? nil : module) else { throw corrupt("unknown built-in '\(name)'") }
            return .builtin(BuiltinFunction(b))
        case let t: throw corrupt("unknown tag \(t)")
        }
    }
}
