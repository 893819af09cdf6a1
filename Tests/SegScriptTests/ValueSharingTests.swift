import XCTest
import SegRandom
@testable import SegScript
import SegTestSupport

/// A native object that refers to another value (as a schedule refers to its optimizer) and
/// exposes a shared part (as a layer exposes its parameters).
private final class Holder: ScriptObject {
    let target: Value
    let part: ListBox
    init(_ target: Value, part: ListBox) {
        self.target = target
        self.part = part
    }
    var typeName: String { "Holder" }
    var sharedParts: [Value] { [.list(part)] }
    func encode() throws -> EncodedObject? {
        var writer = ByteWriter<[UInt8]>()
        writer.int(part.items.count)
        return EncodedObject(tag: "Holder", bytes: writer.bytes, references: [target])
    }

    static func register(_ r: Registry) {
        r.register(decoder: "Holder") { bytes, references in
            guard references.count == 1, bytes.count == 8 else { throw ScriptError("bad holder") }
            var reader = ByteReader(bytes, what: "holder")
            let n = try reader.int()
            guard (0...100).contains(n) else { throw ScriptError("bad holder") }
            return .object(Holder(references[0], part: ListBox(Array(repeating: .int(0), count: n))))
        }
    }
}

final class ValueSharingTests: XCTestCase {
    private func registry() -> Registry {
        let r = Vec.registry()
        Holder.register(r)
        return r
    }

    private func list(_ v: Value?) -> ListBox? { if case .list(let l)? = v { return l }; return nil }

    private func roundTrip(_ pairs: [(String, Value)], environment: [(name: String, value: Value)] = [],
                           resolve: @escaping (String) -> Value? = { _ in nil }) throws -> [String: Value] {
        let encoder = ValueEncoder(environment: environment)
        for (name, value) in pairs { try encoder.add(name, value) }
        let back = try ValueCodec.decodeBindings(try encoder.finish(), registry: registry(), environment: resolve)
        XCTAssertEqual(back.map(\.name), pairs.map(\.0))
        return Dictionary(uniqueKeysWithValues: back.map { ($0.name, $0.value) })
    }

    func testAliasesStoredTogetherStayAliases() throws {
        let interp = Interpreter(registry: registry(), sink: CollectingSink())
        try interp.evaluate("var a = [1]\nlet b = a\nlet d = {first: a, again: a, n: 3}")
        let names = ["a", "b", "d"]
        let back = try roundTrip(try names.map { ($0, try XCTUnwrap(interp.global($0))) })
        let a = try XCTUnwrap(list(back["a"])), b = try XCTUnwrap(list(back["b"]))
        XCTAssertTrue(a === b)
        guard case .dict(let d)? = back["d"] else { return XCTFail("d is not a dict") }
        XCTAssertTrue(list(d["first"]) === a)
        XCTAssertTrue(list(d["again"]) === a)
        b.mutate { $0.append(.int(2)) }
        XCTAssertEqual(reprString(.list(a)), "[1, 2]")
    }

    func testSelfContainingListRoundTrips() throws {
        let interp = Interpreter(registry: registry(), sink: CollectingSink())
        try interp.evaluate("var xs = [1, \"x\"]\nxs.append(xs)\nlet d = {}\nd.me = d")
        let back = try roundTrip([("xs", try XCTUnwrap(interp.global("xs"))), ("d", try XCTUnwrap(interp.global("d")))])
        let xs = try XCTUnwrap(list(back["xs"]))
        XCTAssertEqual(xs.items.count, 3)
        XCTAssertEqual(xs.items[0].asInt, 1)
        XCTAssertTrue(list(xs.items[2]) === xs)
        guard case .dict(let d)? = back["d"], case .dict(let inner)? = d["me"] else { return XCTFail("d is not a dict") }
        XCTAssertTrue(inner === d)
    }

    func testTheSameObjectTwiceRestoresAsOneObject() throws {
        let interp = Interpreter(registry: registry(), sink: CollectingSink())
        let v = try interp.evaluate("let v = vec.make([1, 2])\n{a: v, b: v, c: vec.make([1, 2])}")
        let back = try ValueCodec.decode(try ValueCodec.encode(v), registry: registry())
        guard case .dict(let d) = back, let a = d["a"]?.asObject as? Vec, let b = d["b"]?.asObject as? Vec,
              let c = d["c"]?.asObject as? Vec else { return XCTFail("not three Vecs") }
        XCTAssertTrue(a === b)
        XCTAssertFalse(a === c)
        XCTAssertEqual(a.items, [1, 2])
    }

    func testObjectReferencesAndPartsKeepSharing() throws {
        let part = ListBox([.int(0), .int(0)])
        let target = Value.list([.int(7)])
        let holder = Value.object(Holder(target, part: part))
        // The part is met before its owner: it must still restore as the owner's part.
        let back = try roundTrip([("p", .list(part)), ("t", target), ("h", holder)])
        guard let h = back["h"]?.asObject as? Holder else { return XCTFail("not a holder") }
        XCTAssertTrue(list(back["p"]) === h.part)
        XCTAssertTrue(list(back["t"]) === list(h.target))
        XCTAssertEqual(list(h.target)?.items.first?.asInt, 7)
    }

    func testAnObjectReachingItselfThroughItsReferencesIsNotStorable() throws {
        let loop = ListBox([])
        let holder = Value.object(Holder(.list(loop), part: ListBox([])))
        loop.mutate { $0.append(holder) }
        let encoder = ValueEncoder()
        try encoder.add("h", holder)
        XCTAssertThrowsError(try encoder.finish()) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .notStorable)
            XCTAssertTrue("\(error)".contains("refers back to itself"), "\(error)")
        }
    }

    func testValuesOfTheEnvironmentAreStoredAsReferences() throws {
        let interp = Interpreter(registry: registry(), sink: CollectingSink())
        try interp.evaluate("let v = vec.make([1])\nlet models = [[5], {k: v}]\nlet owner = nil")
        let part = ListBox([.int(1)])
        let owner = Value.object(Holder(.null, part: part))
        var environment: [(name: String, value: Value)] = []
        for name in ["v", "models"] { environment.append((name: name, value: try XCTUnwrap(interp.global(name)))) }
        environment.append((name: "owner", value: owner))
        let written = Value.list([try interp.evaluate("models[0]"), try interp.evaluate("models[1].k"), .list(part), .int(4)])
        // The restored environment holds equivalent but distinct values.
        let restoredV = Value.object(Vec([1]))
        let restoredInner = ListBox([.int(5)])
        let restoredPart = ListBox([.int(1)])
        let restoredEnvironment: [String: Value] = [
            "v": restoredV, "models": .list([.list(restoredInner), .dict([("k", restoredV)])]),
            "owner": .object(Holder(.null, part: restoredPart)),
        ]
        let encoder = ValueEncoder(environment: environment)
        try encoder.add("w", written)
        let bytes = try encoder.finish()
        let back = try ValueCodec.decodeBindings(bytes, registry: registry(), environment: { restoredEnvironment[$0] })
        let w = try XCTUnwrap(list(back.first?.value))
        XCTAssertTrue(list(w.items[0]) === restoredInner)
        XCTAssertTrue(w.items[1].asObject === restoredV.asObject)
        XCTAssertTrue(list(w.items[2]) === restoredPart)
        XCTAssertEqual(w.items[3].asInt, 4)
        // A name that is gone, or no longer holds what was referred to, is an error.
        assertThrowsMessage(try ValueCodec.decodeBindings(bytes, registry: registry(), environment: { _ in nil }), "`models`")
        XCTAssertThrowsError(try ValueCodec.decodeBindings(bytes, registry: registry(), environment: { _ in .list([]) }))
    }

    func testOldFormatAndDamagedSetsAreErrorsNotCrashes() throws {
        let r = registry()
        assertThrowsMessage(try ValueCodec.decode(Array("SEGV".utf8) + [1, 3] + [UInt8](repeating: 0, count: 8), registry: r), "format version 1")
        let interp = Interpreter(registry: r, sink: CollectingSink())
        try interp.evaluate("var xs = [1, \"two\"]\nxs.append(xs)\nlet v = vec.make([3])\nlet d = {xs: xs, v: v, again: v}")
        let part = ListBox([.int(0)])
        let encoder = ValueEncoder()
        try encoder.add("d", try XCTUnwrap(interp.global("d")))
        try encoder.add("h", .object(Holder(.list(part), part: part)))
        let good = try encoder.finish()
        XCTAssertNoThrow(try ValueCodec.decodeBindings(good, registry: r, environment: { _ in nil }))
        for cut in 0..<good.count {
            XCTAssertThrowsError(try ValueCodec.decodeBindings(Array(good.prefix(cut)), registry: r, environment: { _ in nil }))
        }
        var rng = Xoshiro256StarStar(seed: 7)
        for _ in 0..<3000 {
            var bad = good
            for _ in 0..<Int(rng.nextInt(1, 3)) {
                bad[Int(rng.nextInt(0, bad.count - 1))] = UInt8(truncatingIfNeeded: rng.next())
            }
            _ = try? ValueCodec.decodeBindings(bad, registry: r, environment: { _ in .list([]) })
        }
        // A reference to a slot not restored yet (or to itself) is refused.
        var forward = ByteWriter(prefix: ValueCodec.header)
        forward.int(0)
        forward.int(1)
        forward.string("x")
        forward.u8(ValueCodec.Tag.shared.rawValue)
        forward.int(0)
        XCTAssertThrowsError(try ValueCodec.decodeBindings(forward.bytes, registry: r, environment: { _ in nil }))
    }
}
