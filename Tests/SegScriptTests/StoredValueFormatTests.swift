import Foundation
import XCTest
@testable import SegScript

/// Values stored in notebook caches by earlier versions (format 2, as `ValueCodec` describes it)
/// still restore, and encode again to the very same bytes.
final class StoredValueFormatTests: XCTestCase {
    /// `{n: nil, t: true, f: false, i: -42, x: 0.1, s: "héllo", l: [shared, shared], r: (0..<10).step(3),
    /// c: 1...5, b: len}` in format 2, written byte by byte from the format's description.
    static let storedValue = "U0VHVgIAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAHCgAAAAAAAAABAAAAAAAAAG4AAQAAAAAAAAB0AgEAAAAAAAAAZgEBAAAAAAAAAGkD1v////////8BAAAAAAAAAHgEmpmZmZmZuT8BAAAAAAAAAHMFBgAAAAAAAABow6lsbG8BAAAAAAAAAGwGAgAAAAAAAAAGAgAAAAAAAAADAQAAAAAAAAADAgAAAAAAAAALAgAAAAAAAAABAAAAAAAAAHIIAAAAAAAAAAAKAAAAAAAAAAMAAAAAAAAAAAEAAAAAAAAAYwgBAAAAAAAAAAUAAAAAAAAAAQAAAAAAAAABAQAAAAAAAABiCgAAAAAAAAAAAwAAAAAAAABsZW4="
    /// `x = [base[0], base[1].k]` stored against the environment `base = [[7], {k: [8]}]`.
    static let storedExternal = "U0VHVgIAAAAAAAAAAAEAAAAAAAAAAQAAAAAAAAB4BgIAAAAAAAAADAQAAAAAAAAAYmFzZQEAAAAAAAAAAAAAAAAAAAAADAQAAAAAAAAAYmFzZQIAAAAAAAAAAAEAAAAAAAAAAQEAAAAAAAAAaw=="

    func testAValueStoredByEarlierVersionsRestoresAndEncodesIdentically() throws {
        let registry = Vec.registry()
        let bytes = try XCTUnwrap(Data(base64Encoded: Self.storedValue).map { [UInt8]($0) })
        let value = try ValueCodec.decode(bytes, registry: registry)
        XCTAssertEqual(try ValueCodec.encode(value), bytes)
        guard case .dict(let d) = value, case .list(let l)? = d["l"], case .list(let first) = l.items[0], case .list(let second) = l.items[1] else {
            return XCTFail("not the stored dict")
        }
        XCTAssertTrue(first === second, "the shared list stays shared")
        XCTAssertEqual(reprString(d["x"] ?? .null), "0.1")
        XCTAssertEqual(reprString(d["s"] ?? .null), "\"héllo\"")
    }

    func testReferencesToTheEnvironmentStoredByEarlierVersionsResolve() throws {
        let interp = Interpreter(registry: Vec.registry(), sink: CollectingSink())
        let base = try interp.evaluate("let base = [[7], {k: [8]}]\nbase")
        let bytes = try XCTUnwrap(Data(base64Encoded: Self.storedExternal).map { [UInt8]($0) })
        let restored = try ValueCodec.decodeBindings(bytes, registry: interp.registry, environment: { interp.global($0) })
        XCTAssertEqual(restored.map(\.name), ["x"])
        guard case .list(let x) = restored[0].value, case .list(let outer) = base,
              case .list(let a) = x.items[0], case .list(let b) = outer.items[0] else { return XCTFail("not lists") }
        XCTAssertTrue(a === b, "the restored value refers to the environment's list itself")
        let encoder = ValueEncoder(environment: [(name: "base", value: base)])
        try encoder.add("x", restored[0].value)
        XCTAssertEqual(try encoder.finish(), bytes)
    }
}
