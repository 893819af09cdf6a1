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
        var out = ValueCodec.header
        failingName = values.first?.name
        ValueCodec.writeInt(owners.count, &out)
        for owner in owners { try write(owner, &out, depth: 0) }
        ValueCodec.writeInt(values.count, &out)
        for (name, value) in values {
            failingName = name
            ValueCodec.writeString(name, &out)
            try write(value, &out, depth: 0)
        }
        failingName = nil
        return out
    }

    private func newSlot(_ key: ObjectIdentifier) -> Int {
        defer { slotCount += 1 }
        seen[key] = .slot(slotCount)
        return slotCount
    }

    /// A list or dict met before is written as a back-reference (true); a new one gets a slot and
    /// its tag, and the caller writes its contents (false).
    private func writeSeenOrOpen(_ box: AnyObject, tag: ValueCodec.Tag, _ out: inout [UInt8]) throws -> Bool {
        if try writeSeen(ObjectIdentifier(box), &out) { return true }
        _ = newSlot(ObjectIdentifier(box))
        keepAlive.append(box)
        out.append(tag.rawValue)
        return false
    }

    /// Writes a reference when `key` was met before; false when this is its first occurrence.
    private func writeSeen(_ key: ObjectIdentifier, _ out: inout [UInt8]) throws -> Bool {
        guard let found = seen[key] else { return false }
        switch found {
        case .slot(let s):
            out.append(ValueCodec.Tag.shared.rawValue)
            ValueCodec.writeInt(s, &out)
        case .part(let s, let j):
            out.append(ValueCodec.Tag.part.rawValue)
            ValueCodec.writeInt(s, &out)
            ValueCodec.writeInt(j, &out)
        case .external(let name, let path):
            out.append(ValueCodec.Tag.external.rawValue)
            ValueCodec.writeString(name, &out)
            ValueCodec.writeInt(path.count, &out)
            for step in path {
                switch step {
                case .index(let i): out.append(0); ValueCodec.writeInt(i, &out)
                case .key(let k): out.append(1); ValueCodec.writeString(k, &out)
                case .part(let j): out.append(2); ValueCodec.writeInt(j, &out)
                }
            }
        case .inProgress(let typeName):
            throw ValueCodec.notStorable("a \(typeName) that refers back to itself")
        }
        return true
    }

    private func write(_ v: Value, _ out: inout [UInt8], depth: Int) throws {
        if depth > ValueCodec.maxDepth { throw ValueCodec.notStorable("a value nested more than \(ValueCodec.maxDepth) deep") }
        typealias Tag = ValueCodec.Tag
        switch v {
        case .null: out.append(Tag.null.rawValue)
        case .bool(let b): out.append(b ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let i): out.append(Tag.int.rawValue); ValueCodec.writeInt(i, &out)
        case .float(let d): out.append(Tag.float.rawValue); ValueCodec.writeInt(Int(Int64(bitPattern: d.bitPattern)), &out)
        case .string(let s): out.append(Tag.string.rawValue); ValueCodec.writeString(s, &out)
        case .list(let l):
            if try writeSeenOrOpen(l, tag: .list, &out) { return }
            let items = l.items
            ValueCodec.writeInt(items.count, &out)
            for x in items { try write(x, &out, depth: depth + 1) }
        case .dict(let d):
            if try writeSeenOrOpen(d, tag: .dict, &out) { return }
            let pairs = d.pairs
            ValueCodec.writeInt(pairs.count, &out)
            for (k, x) in pairs {
                ValueCodec.writeString(k, &out)
                try write(x, &out, depth: depth + 1)
            }
        case .range(let r):
            out.append(Tag.range.rawValue)
            ValueCodec.writeInt(r.start, &out)
            ValueCodec.writeInt(r.end, &out)
            ValueCodec.writeInt(r.step, &out)
            out.append(r.inclusive ? 1 : 0)
        case .function(let c): throw ValueCodec.notStorable("the function '\(c.info.name)'")
        case .builtin(let b):
            guard b.receiver == nil else { throw ValueCodec.notStorable("a bound method") }
            out.append(Tag.builtin.rawValue)
            ValueCodec.writeString(b.builtin.module ?? "", &out)
            ValueCodec.writeString(b.builtin.name, &out)
        case .object(let o):
            try writeObject(o, &out, depth: depth)
        }
    }

    private func writeObject(_ o: ScriptObject, _ out: inout [UInt8], depth: Int) throws {
        let id = o.identity
        let key = ObjectIdentifier(id)
        if try writeSeen(key, &out) { return }
        guard let e = try encodings[key] ?? o.encode() else { throw ValueCodec.notStorable("a \(o.typeName)") }
        keepAlive.append(id)
        let slot = slotCount
        slotCount += 1
        seen[key] = .inProgress(o.typeName)
        out.append(ValueCodec.Tag.object.rawValue)
        ValueCodec.writeString(e.tag, &out)
        ValueCodec.writeBytes(e.bytes, &out)
        ValueCodec.writeInt(e.references.count, &out)
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
