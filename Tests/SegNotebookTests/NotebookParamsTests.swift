import XCTest
@testable import SegNotebook

final class NotebookParamsTests: XCTestCase {
    func testLiteralsParseAsSegValues() {
        XCTAssertEqual(ParamValue.parseLiteral("42"), .int(42))
        XCTAssertEqual(ParamValue.parseLiteral("1_000"), .int(1000))
        XCTAssertEqual(ParamValue.parseLiteral("-3"), .int(-3))
        XCTAssertEqual(ParamValue.parseLiteral("1e-3"), .float(0.001))
        XCTAssertEqual(ParamValue.parseLiteral("3.5"), .float(3.5))
        XCTAssertEqual(ParamValue.parseLiteral("true"), .bool(true))
        XCTAssertEqual(ParamValue.parseLiteral("\"a \\\"q\\\"\""), .string("a \"q\""))
        XCTAssertEqual(ParamValue.parseLiteral("[192, 256]"), .list([.int(192), .int(256)]))
        XCTAssertEqual(ParamValue.parseLiteral("[\"a\", [1, false]]"), .list([.string("a"), .list([.int(1), .bool(false)])]))
        XCTAssertNil(ParamValue.parseLiteral(".5"))
        XCTAssertNil(ParamValue.parseLiteral("/srv/CamVid"))
        XCTAssertNil(ParamValue.parseLiteral("[1, 2"))
        XCTAssertEqual(ParamValue.parseOverride("/srv/CamVid"), .string("/srv/CamVid"))
        XCTAssertEqual(ParamValue.parseOverride("2"), .int(2))
    }

    func testDescriptionReadsBack() {
        for value: ParamValue in [.int(3), .float(0.1), .float(2), .string("a\"b\n"), .bool(false), .list([.int(1), .string("x")]), .nil] {
            XCTAssertEqual(ParamValue.parseLiteral(value.description), value, value.description)
        }
        XCTAssertEqual(ParamValue.float(2).description, "2.0")
    }

    let notebook = try? NotebookReader.parse("""
    %% params
    let epochs = 20          # epochs
    let data = "data/camvid-mini"
    var size = [192, 256]
    %% code
    x = epochs
    """, path: "p.segnb")

    func testDeclaredParamsAndOverrides() throws {
        let notebook = try XCTUnwrap(notebook)
        let declared = try notebook.parameters()
        XCTAssertEqual(declared.map(\.name), ["epochs", "data", "size"])
        XCTAssertEqual(declared[0].line, 2)
        let values = try notebook.resolveParameters(overrides: ["epochs=2", "data=/srv/CamVid", "size=[96, 128]", "seed=7"])
        XCTAssertEqual(values.map(\.name), ["epochs", "data", "size", "seed"])
        XCTAssertEqual(values.map(\.value), [.int(2), .string("/srv/CamVid"), .list([.int(96), .int(128)]), .int(7)])
    }

    func testUnknownParamListsParamsWithDefaults() throws {
        let notebook = try XCTUnwrap(notebook)
        XCTAssertThrowsError(try notebook.resolveParameters(overrides: ["epoch=2"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("unknown parameter 'epoch'"))
            XCTAssertTrue(text.contains("epochs = 20"))
            XCTAssertTrue(text.contains("data = \"data/camvid-mini\""))
            XCTAssertTrue(text.contains("size = [192, 256]"))
        }
        XCTAssertThrowsError(try notebook.resolveParameters(overrides: ["novalue"]))
        XCTAssertTrue(notebook.paramsListing().contains("seed = 0"))
    }

    func testNonLiteralParamsLineIsALoadError() throws {
        let bad = try NotebookReader.parse("%% params\nlet lr = 0.1 * 2\n")
        XCTAssertThrowsError(try bad.parameters()) { error in
            let diagnostic = (error as? NotebookLoadError)?.diagnostics.first
            XCTAssertEqual(diagnostic?.line, 2)
            XCTAssertEqual(diagnostic?.column, 1)
        }
    }
}
