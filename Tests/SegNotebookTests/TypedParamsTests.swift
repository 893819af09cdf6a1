import XCTest
@testable import SegNotebook

/// A param's type is the type of its default; overrides of another type are refused by name.
final class TypedParamsTests: XCTestCase {
    let notebook = try? NotebookReader.parse("""
    %% params
    let epochs = 20
    let lr = 0.002
    let flag = true
    let data = "data/camvid-mini"
    let size = [192, 256]
    let scales = [0.75, 1]
    let nothing = nil
    %% code
    x = epochs
    """, path: "p.segnb")

    private func resolve(_ override: String) throws -> ParamValue? {
        let name = String(override.prefix { $0 != "=" })
        return try XCTUnwrap(notebook).resolveParameters(overrides: [override]).first { $0.name == name }?.value
    }

    private func refusal(_ override: String) -> String {
        do {
            _ = try resolve(override)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    func testValuesOfTheDefaultsTypeAreAccepted() throws {
        XCTAssertEqual(try resolve("epochs=3"), .int(3))
        XCTAssertEqual(try resolve("lr=1"), .float(1), "an Int is accepted where a Float is expected")
        XCTAssertEqual(try resolve("lr=1e-4"), .float(0.0001))
        XCTAssertEqual(try resolve("flag=false"), .bool(false))
        XCTAssertEqual(try resolve("data=/srv/CamVid"), .string("/srv/CamVid"))
        XCTAssertEqual(try resolve("data=123"), .string("123"), "a String param takes any text as written")
        XCTAssertEqual(try resolve("data=[1, 2]"), .string("[1, 2]"))
        XCTAssertEqual(try resolve("data=\"quoted\""), .string("quoted"))
        XCTAssertEqual(try resolve("size=[96, 128]"), .list([.int(96), .int(128)]))
        XCTAssertEqual(try resolve("scales=[1, 2]"), .list([.float(1), .float(2)]))
        XCTAssertEqual(try resolve("nothing=[1, \"a\"]"), .list([.int(1), .string("a")]))
        XCTAssertEqual(try resolve("seed=5"), .int(5))
    }

    func testOtherTypesAreRefusedNamingParamTypeAndValue() {
        let cases: [(String, [String])] = [
            ("epochs=one", ["'epochs'", "an Int", "'one'"]),
            ("epochs=2.5", ["'epochs'", "an Int", "'2.5' is not one (it is a Float)"]),
            ("epochs=1e999", ["'epochs'", "an Int", "'1e999'", "too large"]),
            ("epochs=99999999999999999999", ["too large for an Int"]),
            ("lr=[1]", ["'lr'", "a Float", "(it is a List)"]),
            ("lr=fast", ["'lr'", "a Float", "'fast'"]),
            ("lr=1e999", ["'lr'", "too large for a Float"]),
            ("flag=maybe", ["'flag'", "a Bool", "'maybe'"]),
            ("flag=False", ["'flag'", "a Bool", "'False'", "lower case"]),
            ("flag=1", ["'flag'", "a Bool", "(it is an Int)"]),
            ("size=96,128", ["'size'", "a List of Ints", "'96,128'", "[96,128]"]),
            ("size=[96.5, 128]", ["'size'", "a List of Ints", "not all of its items are Ints"]),
            ("size=[\"a\"]", ["'size'", "a List of Ints"]),
            ("scales=[\"a\"]", ["'scales'", "a List of Floats"]),
            ("seed=abc", ["'seed'", "an Int"]),
        ]
        for (override, needles) in cases {
            let message = refusal(override)
            for needle in needles { XCTAssertTrue(message.contains(needle), "\(override): \(message)") }
        }
    }
}
