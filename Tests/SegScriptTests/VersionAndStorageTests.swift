import XCTest
import SegRandom
@testable import SegScript

final class VersionAndStorageTests: XCTestCase {
    func testMutationDetection() throws {
        let interp = Interpreter(registry: Vec.registry(), sink: CollectingSink())
        try interp.evaluate("var xs = [1, [2]]\nlet d = {a: {b: 1}}\nlet n = 3\nlet v = vec.make([1, 2])\nlet same = xs")
        var snap = interp.snapshotVersions()
        XCTAssertEqual(interp.changedGlobals(since: snap), [])
        try interp.evaluate("xs[1].append(3)")
        XCTAssertEqual(interp.changedGlobals(since: snap), ["same", "xs"])
        snap = interp.snapshotVersions()
        try interp.evaluate("d.a.b = 2")
        XCTAssertEqual(interp.changedGlobals(since: snap), ["d"])
        snap = interp.snapshotVersions()
        try interp.evaluate("v.fill(0)")
        XCTAssertEqual(interp.changedGlobals(since: snap), ["v"])
        snap = interp.snapshotVersions()
        try interp.evaluate("let n = 3\nlet fresh = 1\nprint(xs)")
        XCTAssertEqual(interp.changedGlobals(since: snap), ["fresh"])
    }

    func testRoundTripsOfStorableValues() throws {
        let registry = Vec.registry()
        let interp = Interpreter(registry: registry, sink: CollectingSink())
        let sources = ["nil", "true", "-42", "9223372036854775807", "0.1", "-0.0", "\"héllo \\n\"", "[1, [2.5, \"x\"], {}]",
                       "{name: \"road\", iou: [0.9, nil], \"two words\": {k: false}}", "(0..<10).step(3)", "1...5", "len",
                       "vec.make([1.5, -2])", "try { error(\"boom\") } catch e { e }"]
        for s in sources {
            let v = try interp.evaluate(s)
            let bytes = try ValueCodec.encode(v)
            let back = try ValueCodec.decode(bytes, registry: registry)
            XCTAssertEqual(reprString(back), reprString(v), s)
            if case .object = v {} else { XCTAssertTrue(valuesEqual(back, v), s) }
        }
    }

    func testFunctionsCannotBeStoredButReportTheirSource() throws {
        let interp = Interpreter(sink: CollectingSink())
        try interp.evaluate("fn area(w, h) { w * h }\nlet boxed = [area]")
        for name in ["area", "boxed"] {
            XCTAssertThrowsError(try ValueCodec.encode(interp.global(name) ?? .null)) { error in
                XCTAssertEqual((error as? ScriptError)?.kind, .notStorable)
                XCTAssertTrue((error as? ScriptError)?.message.contains("function 'area'") == true)
            }
        }
        XCTAssertEqual(interp.definingSource(of: "area"), "fn area(w, h) { w * h }")
        XCTAssertFalse(ValueCodec.canStore(interp.global("area") ?? .null))
    }

    func testCorruptBytesAreErrorsNotCrashes() throws {
        let registry = Registry.withCore()
        let good = try ValueCodec.encode(.dict([("a", .list([.int(1), .string("xyz")]))]))
        for cut in 0..<good.count {
            XCTAssertThrowsError(try ValueCodec.decode(Array(good.prefix(cut)), registry: registry))
        }
        var rng = Xoshiro256StarStar(seed: 1)
        for _ in 0..<2000 {
            var bad = good
            bad[Int(rng.nextInt(0, bad.count - 1))] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? ValueCodec.decode(bad, registry: registry)
        }
        XCTAssertThrowsError(try ValueCodec.decode(Array("SEGV".utf8) + [1, 9, 1, 0, 0, 0, 0, 0, 0, 0, 65, 0, 0, 0, 0, 0, 0, 0, 0], registry: registry))
    }
}
