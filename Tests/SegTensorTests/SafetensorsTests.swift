import XCTest
@testable import SegTensor
import SegTestSupport

final class SafetensorsTests: XCTestCase {
    private var scratch: ScratchFolder!

    override func setUpWithError() throws { scratch = try ScratchFolder("tensor") }
    override func tearDown() { scratch = nil }

    private func path(_ name: String) -> String { scratch.file(name).path }

    private func fixture(_ name: String) throws -> String {
        try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)).path
    }

    func testRoundTripOfEveryDtypeAndMetadata() throws {
        let f = try Tensor.f([1.5, -2, 3e-8, 4], [2, 2])
        let i = try Tensor(ints: [1, -2, 2147483647], shape: [3])
        let b = try Tensor(bools: [true, false], shape: [2, 1])
        let s = try Tensor.scalar(7.0)
        let view = try Tensor.arange(0, 6).reshape([2, 3]).transposed()
        let file = path("round.safetensors")
        try Safetensors.write([("w", f), ("i", i), ("b", b), ("s", s), ("t", view), ("e", Tensor.zeros([0, 3]))],
                              to: file, metadata: ["format": "pt", "quote": "a \"b\""])
        let back = try Safetensors.readFile(file)
        XCTAssertEqual(back.metadata, ["format": "pt", "quote": "a \"b\""])
        XCTAssertEqual(back.tensors.map { $0.0 }, ["b", "e", "i", "s", "t", "w"], "written sorted, read in file order")
        let byName = Dictionary(uniqueKeysWithValues: back.tensors)
        XCTAssertEqual(byName["w"]?.doubles(), f.doubles())
        XCTAssertEqual(byName["i"]?.dtype, .int32)
        XCTAssertEqual(byName["i"]?.doubles(), [1, -2, 2147483647])
        XCTAssertEqual(byName["b"]?.dtype, .bool)
        XCTAssertEqual(byName["b"]?.shape, [2, 1])
        XCTAssertEqual(byName["s"]?.shape, [])
        XCTAssertEqual(byName["t"]?.doubles(), [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(byName["e"]?.shape, [0, 3])
    }

    func testNamesAndMetadataNeedingJSONEscapesRoundTrip() throws {
        let names = ["enc.0/conv\"w\"", "back\\slash", "tab\tnew\nline\u{1}", "bn.ü.running_mean", "__meta"]
        let tensors = try names.enumerated().map { (index, name) in (name, try Tensor.f([Double(index)], [1])) }
        let file = path("escapes.safetensors")
        try Safetensors.write(tensors, to: file, metadata: ["note": "line\nbreak \"q\" / \u{7}"])
        let back = try Safetensors.readFile(file)
        XCTAssertEqual(back.metadata, ["note": "line\nbreak \"q\" / \u{7}"])
        let byName = Dictionary(uniqueKeysWithValues: back.tensors)
        for (index, name) in names.enumerated() {
            XCTAssertEqual(byName[name]?.doubles(), [Double(index)], name)
        }
    }

    func testWritesAreDeterministic() throws {
        let a = try Tensor.f([1, 2], [2]), b = try Tensor(ints: [3], shape: [1])
        try Safetensors.write([("a", a), ("b", b)], to: path("1.safetensors"))
        try Safetensors.write([("b", b), ("a", a)], to: path("2.safetensors"))
        let one = try Data(contentsOf: URL(fileURLWithPath: path("1.safetensors")))
        XCTAssertEqual(one, try Data(contentsOf: URL(fileURLWithPath: path("2.safetensors"))))
        let headerLength = one.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        XCTAssertEqual(headerLength % 8, 0)
        assertThrowsMessage(try Safetensors.write([("a", a), ("a", a)], to: path("3.safetensors")), "duplicate", "\"a\"")
    }

    func testReferenceFixtureFromPyTorch() throws {
        let tensors = Dictionary(uniqueKeysWithValues: try Safetensors.read(fixture("io.safetensors")))
        let x = try XCTUnwrap(tensors["x"]), y = try XCTUnwrap(tensors["y"])
        let logits = try XCTUnwrap(tensors["logits"]), loss = try XCTUnwrap(tensors["loss"])
        XCTAssertEqual(x.shape, [2, 3, 36, 44])
        XCTAssertEqual(y.shape, [2, 36, 44])
        XCTAssertEqual(y.dtype, .int32)
        XCTAssertEqual(logits.shape, [2, 5, 36, 44])
        // Values printed by the reference (safetensors.numpy) when the fixture was made.
        XCTAssertEqual(try loss.item().doubleValue, 1.5610296726226807, accuracy: 1e-7)
        XCTAssertEqual(try x[1, 2, 5, 7].item().doubleValue, 0.5815036, accuracy: 1e-6)
        XCTAssertEqual(try y[1, 10, 20].item(), .int(2))
        XCTAssertEqual(try logits[0, 3, 17, 9].item().doubleValue, 0.32094604, accuracy: 1e-6)
        XCTAssertEqual(Array(x.doubles().prefix(3)), [0.2632191479206085, 2.144585132598877, -0.46419763565063477])
        XCTAssertEqual(Array(y.doubles().prefix(3)), [4, 4, 1])
    }

    func testInt64AndBoolFixture() throws {
        let file = try Safetensors.readFile(fixture("int64_bool.safetensors"))
        XCTAssertEqual(file.metadata["source"], "safetensors.numpy")
        let byName = Dictionary(uniqueKeysWithValues: file.tensors)
        let small = try XCTUnwrap(byName["small"])
        XCTAssertEqual(small.dtype, .int32)
        XCTAssertEqual(small.shape, [2, 3])
        XCTAssertEqual(small.doubles(), [1, -2, 3, 2147483647, -2147483648, 0])
        XCTAssertEqual(byName["flags"]?.scalars(), [.bool(true), .bool(false), .bool(true), .bool(true)])
        assertThrowsMessage(try Safetensors.read(fixture("int64_overflow.safetensors")),
                            "int64_overflow.safetensors", "\"big\"", "1099511627776", "int32")
    }

    private func writeRaw(_ header: String, data: [UInt8] = [], declaredLength: UInt64? = nil, name: String = "bad.safetensors") throws -> String {
        var bytes = Data()
        withUnsafeBytes(of: (declaredLength ?? UInt64(header.utf8.count)).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(contentsOf: data)
        let file = path(name)
        try bytes.write(to: URL(fileURLWithPath: file))
        return file
    }

    func testMalformedFilesAreErrorsNamingPathAndProblem() throws {
        let short = path("short.safetensors")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: short))
        assertThrowsMessage(try Safetensors.read(short), "short.safetensors", "too short")
        assertThrowsMessage(try Safetensors.read(writeRaw("{}", declaredLength: 500)), "bad.safetensors", "past the end")
        assertThrowsMessage(try Safetensors.read(writeRaw("{not json")), "bad.safetensors", "JSON")
        assertThrowsMessage(try Safetensors.read(writeRaw("[1, 2]")), "bad.safetensors", "'{'")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: [0, 0])),
                            "unsupported dtype F16")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0])),
                            "\"a\"", "[0, 8]", "4-byte")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])),
                            "\"a\"", "needs 8 bytes")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])),
                            "\"a\"", "shape")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"I32","shape":[1],"data_offsets":[2,6]}}"#, data: [UInt8](repeating: 0, count: 8))),
                            "overlap")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"dtype":"BOOL","shape":[1],"data_offsets":[0,1]}}"#, data: [7])),
                            "BOOL", "byte 7")
        assertThrowsMessage(try Safetensors.read(writeRaw(#"{"a":{"shape":[1],"data_offsets":[0,1]}}"#, data: [7])), "dtype")
        assertThrowsMessage(try Safetensors.read(path("missing.safetensors")), "missing.safetensors")
    }

    func testTruncatedFile() throws {
        try Safetensors.write([("w", Tensor.ones([16]))], to: path("full.safetensors"))
        let full = try Data(contentsOf: URL(fileURLWithPath: path("full.safetensors")))
        try full.prefix(full.count - 10).write(to: URL(fileURLWithPath: path("cut.safetensors")))
        assertThrowsMessage(try Safetensors.read(path("cut.safetensors")), "cut.safetensors", "\"w\"", "outside")
    }
}
