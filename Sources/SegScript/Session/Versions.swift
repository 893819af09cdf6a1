/// Fingerprints of global values, to detect in-place mutation by a chunk (training a model
/// defined in an earlier cell, appending to a list).
public struct VersionSnapshot {
    /// Fingerprint per global name.
    public let stamps: [String: Int]
}

extension Interpreter {
    /// Fingerprints every user global (or just `names`): identity and version of each mutable
    /// value reachable from it, so a change anywhere inside shows.
    public func snapshotVersions(of names: [String]? = nil) -> VersionSnapshot {
        var stamps: [String: Int] = [:]
        for name in names ?? userGlobalNames {
            guard let c = globals[name], c.isDefined else { continue }
            stamps[name] = Interpreter.fingerprint(c.value)
        }
        return VersionSnapshot(stamps: stamps)
    }

    /// Globals of the snapshot whose fingerprint changed, plus globals that appeared or vanished.
    public func changedGlobals(since snapshot: VersionSnapshot) -> [String] {
        let now = snapshotVersions(of: nil)
        var changed: [String] = []
        for (name, stamp) in now.stamps where snapshot.stamps[name] != stamp { changed.append(name) }
        for name in snapshot.stamps.keys where now.stamps[name] == nil { changed.append(name) }
        return changed.sorted()
    }

    /// The fingerprint of one value. Walks with an explicit stack: a list nested 100,000 deep
    /// must not overflow the native one.
    public static func fingerprint(_ v: Value) -> Int {
        var hasher = Hasher()
        var visited = Set<ObjectIdentifier>()
        var pending = [v]
        while let next = pending.popLast() { combine(next, into: &hasher, &visited, then: &pending) }
        return hasher.finalize()
    }

    /// Hashes what identifies `v` itself and pushes the values inside it onto `pending`.
    private static func combine(_ v: Value, into h: inout Hasher, _ visited: inout Set<ObjectIdentifier>, then pending: inout [Value]) {
        switch v {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(i)
        case .float(let d): h.combine(d.bitPattern)
        case .string(let s): h.combine(s)
        case .range(let r): h.combine(r.start); h.combine(r.end); h.combine(r.step); h.combine(r.inclusive)
        case .list(let l):
            h.combine(ObjectIdentifier(l))
            h.combine(l.version)
            guard visited.insert(ObjectIdentifier(l)).inserted else { return }
            pending.append(contentsOf: l.items.reversed())
        case .dict(let d):
            h.combine(ObjectIdentifier(d))
            h.combine(d.version)
            guard visited.insert(ObjectIdentifier(d)).inserted else { return }
            pending.append(contentsOf: d.values.reversed())
        case .function(let c):
            h.combine(ObjectIdentifier(c))
        case .builtin(let b):
            h.combine(b.builtin.name)
            if let r = b.receiver { pending.append(r) }
        case .object(let o):
            // The identity, not the wrapper: wrappers made afresh around one tensor (an
            // optimizer's parameters) must not look like a new value at every snapshot.
            let id = ObjectIdentifier(o.identity)
            h.combine(id)
            h.combine(o.version)
            guard visited.insert(id).inserted else { return }
            pending.append(contentsOf: o.children.reversed())
        }
    }
}
