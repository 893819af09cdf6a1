/// Stores several named values together in `ValueCodec`'s format, keeping what they share: each
/// list, dict and native object is written once and referred back to afterwards, and a value the
/// environment already holds is written as a reference to it. Add every value, then `finish()`.
public final class ValueEncoder {
    /// Where an identity was met before.
    private enum Seen {
        case slot(Int)
        case part(slot: Int, index: Int)
        case external(name: String, path: [ValueCodec.PathStep])
        /// An object whose references are being written: meeting it again is a cycle through it.
        case inProgress(String)
    }

    private var seen: [ObjectIdentifier: Seen] = [:]
    private var slotCount = 0
    /// Encodings made while surveying, reused when writing (keyed by identity).
    private var encodings: [ObjectIdentifier: EncodedObject] = [:]
    private var surveyed: Set<ObjectIdentifier> = []
    /// Objects owning shared parts, written first so that their parts are known before use.
    private var owners: [Value] = []
    private var values: [(name: String, value: Value)] = []
    /// Holds every identity met, so no ObjectIdentifier is reused while encoding.
    private var keepAlive: [AnyObject] = []
    /// The binding being written when `finish()` failed.
    public private(set) var failingName: String?

    /// An encoder whose references point into `environment` (name, current value): values found
    /// there, or inside lists, dicts and shared parts found there, are stored as references.
    public init(environment: [(name: String, value: Value)] = []) {
        var budget = 1_000_000
        for (name, value) in environment.sorted(by: { $0.name < $1.name }) {
            index(value, name: name, path: [], depth: 0, budget: &budget)
        }
    }

    private func index(_ value: Value, name: String, path: [ValueCodec.PathStep], depth: Int, budget: inout Int) {
        guard budget > 0, depth < 32, let id = ValueCodec.identity(of: value) else { return }
        let key = ObjectIdentifier(id)
        guard seen[key] == nil else { return }
        budget -= 1
        seen[key] = .external(name: name, path: path)
        keepAlive.append(id)
        switch value {
        case .list(let l):
            for (i, x) in l.items.enumerated() { index(x, name: name, path: path + [.index(i)], depth: depth + 1, budget: &budget) }
        case .dict(let d):
            for (k, x) in d.pairs { index(x, name: name, path: path + [.key(k)], depth: depth + 1, budget: &budget) }
        case .object(let o):
            for (j, x) in o.sharedParts.enumerated() { index(x, name: name, path: path + [.part(j)], depth: depth + 1, budget: &budget) }
        default: break
        }
    }

    /// Adds a named value; throws a `.notStorable` error when something in it cannot be stored.
    public func add(_ name: String, _ value: Value) throws {
        try survey(value, depth: 0)
        values.append((name: name, value: value))
    }

    /// Checks storability and finds the owners of shared parts, encoding each object once.
    private func survey(_ value: Value, depth: Int) throws {
        if depth > ValueCodec.maxDepth { throw ValueCodec.notStorable("a value nested more than \(ValueCodec.maxDepth) deep") }
        switch value {
        case .function(let c): throw ValueCodec.notStorable("the function '\(c.info.name)'")
        case .builtin(let b): if b.receiver != nil { throw ValueCodec.notStorable("a bound method") }
        default: break
        }
        guard let id = ValueCodec.identity(of: value) else { return }
        let key = ObjectIdentifier(id)
        if surveyed.contains(key) { return }
        if case .external? = seen[key] { return }
        surveyed.insert(key)
        keepAlive.append(id)
        switch value {
        case .list(let l): for x in l.items { try survey(x, depth: depth + 1) }
        case .dict(let d): for x in d.values { try survey(x, depth: depth + 1) }
        case .object(let o):
            guard let e = try o.encode() else { throw ValueCodec.notStorable("a \(o.typeName)") }
            encodings[key] = e
            for r in e.references { try survey(r, depth: depth + 1) }
            if !o.sharedParts.isEmpty { owners.append(value) }
        default: break
        }
    }

    /// The bytes of everything added.
    public func finish() throws -> [UInt8] {
        var out = ByteWriter(prefix: ValueCodec.header)
        failingName = values.first?.name
        out.int(owners.count)
        for owner in owners { try write(owner, &out, depth: 0) }
        out.int(values.count)
        for (name, value) in values {
            failingName = name
            out.string(name)
            try write(value, &out, depth: 0)
        }
        failingName = nil
        return out.bytes
    }

    private func newSlot(_ key: ObjectIdentifier) -> Int {
        defer { slotCount += 1 }
        seen[key] = .slot(slotCount)
        return slotCount
    }

    /// A list or dict met before is written as a back-reference (true); a new one gets a slot and
    /// its tag, and the caller writes its contents (false).
    private func writeSeenOrOpen(_ box: AnyObject, tag: ValueCodec.Tag, _ out: inout ByteWriter<[UInt8]>) throws -> Bool {
        if try writeSeen(ObjectIdentifier(box), &out) { return true }
        _ = newSlot(ObjectIdentifier(box))
        keepAlive.append(box)
        out.u8(tag.rawValue)
        return false
    }

    /// Writes a reference when `key` was met before; false when this is its first occurrence.
    private func writeSeen(_ key: ObjectIdentifier, _ out: inout ByteWriter<[UInt8]>) throws -> Bool {
        guard let found = seen[key] else { return false }
        switch found {
        case .slot(let s):
            out.u8(ValueCodec.Tag.shared.rawValue)
            out.int(s)
        case .part(let s, let j):
            out.u8(ValueCodec.Tag.part.rawValue)
            out.int(s)
            out.int(j)
        case .external(let name, let path):
            out.u8(ValueCodec.Tag.external.rawValue)
            out.string(name)
            out.int(path.count)
            for step in path {
                switch step {
                case .index(let i): out.u8(0); out.int(i)
                case .key(let k): out.u8(1); out.string(k)
                case .part(let j): out.u8(2); out.int(j)
                }
            }
        case .inProgress(let typeName):
            throw ValueCodec.notStorable("a \(typeName) that refers back to itself")
        }
        return true
    }

    private func write(_ v: Value, _ out: inout ByteWriter<[UInt8]>, depth: Int) throws {
        if depth > ValueCodec.maxDepth { throw ValueCodec.notStorable("a value nested more than \(ValueCodec.maxDepth) deep") }
        typealias Tag = ValueCodec.Tag
        switch v {
        case .null: out.u8(Tag.null.rawValue)
        case .bool(let b): out.u8(b ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let i): out.u8(Tag.int.rawValue); out.int(i)
        case .float(let d): out.u8(Tag.float.rawValue); out.double(d)
        case .string(let s): out.u8(Tag.string.rawValue); out.string(s)
        case .list(let l):
            if try writeSeenOrOpen(l, tag: .list, &out) { return }
            let items = l.items
            out.int(items.count)
            for x in items { try write(x, &out, depth: depth + 1) }
        case .dict(let d):
            if try writeSeenOrOpen(d, tag: .dict, &out) { return }
            let pairs = d.pairs
            out.int(pairs.count)
            for (k, x) in pairs {
                out.string(k)
                try write(x, &out, depth: depth + 1)
            }
        case .range(let r):
            out.u8(Tag.range.rawValue)
            out.int(r.start)
            out.int(r.end)
            out.int(r.step)
            out.u8(r.inclusive ? 1 : 0)
        case .function(let c): throw ValueCodec.notStorable("the function '\(c.info.name)'")
        case .builtin(let b):
            guard b.receiver == nil else { throw ValueCodec.notStorable("a bound method") }
            out.u8(Tag.builtin.rawValue)
            out.string(b.builtin.module ?? "")
            out.string(b.builtin.name)
        case .object(let o):
            try writeObject(o, &out, depth: depth)
        }
    }

    private func writeObject(_ o: ScriptObject, _ out: inout ByteWriter<[UInt8]>, depth: Int) throws {
        let id = o.identity
        let key = ObjectIdentifier(id)
        if try writeSeen(key, &out) { return }
        guard let e = try encodings[key] ?? o.encode() else { throw ValueCodec.notStorable("a \(o.typeName)") }
        keepAlive.append(id)
        let slot = slotCount
        slotCount += 1
        seen[key] = .inProgress(o.typeName)
        out.u8(ValueCodec.Tag.object.rawValue)
        out.string(e.tag)
        out.blob(e.bytes)
        out.int(e.references.count)
        for r in e.references { try write(r, &out, depth: depth + 1) }
        seen[key] = .slot(slot)
        // Parts met later (an optimizer's parameters) refer to this object's restored parts.
        for (j, part) in o.sharedParts.enumerated() {
            guard let partID = ValueCodec.identity(of: part) else { continue }
            let partKey = ObjectIdentifier(partID)
            if seen[partKey] == nil {
                seen[partKey] = .part(slot: slot, index: j)
                keepAlive.append(partID)
            }
        }
    }
}
