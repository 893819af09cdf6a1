import Foundation
import XCTest
@testable import SegNotebook
import SegTestSupport

/// `segnb export`: Jupyter notebooks valid against Jupyter's own schema, and Markdown with pictures beside it.
final class ExportTests: XCTestCase {
    static var schemaURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/nbformat/nbformat.v4.5.schema.json")
    }

    private func validator() throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: try Data(contentsOf: Self.schemaURL))
    }

    private func exported() throws -> (data: Data, json: [String: Any]) {
        let data = try IpynbExporter.export(try ReportFixtures.demoResult(hostileEverywhere: true))
        return (data, try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    func testIpynbIsValidAgainstJupyterSchema() throws {
        let (data, json) = try exported()
        XCTAssertEqual(try validator().problems(in: json), [])
        try PythonNbformat.validateIfAvailable(data)
    }

    func testTheValidatorCatchesBrokenNotebooks() throws {
        let (_, json) = try exported()
        var missing = json
        missing["nbformat"] = nil
        XCTAssertTrue(try validator().problems(in: missing).contains { $0.contains("missing required 'nbformat'") })

        var cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        var code = try XCTUnwrap(cells.first { $0["cell_type"] as? String == "code" && !(($0["outputs"] as? [Any]) ?? []).isEmpty })
        var outputs = try XCTUnwrap(code["outputs"] as? [[String: Any]])
        outputs[0]["output_type"] = "print"
        code["outputs"] = outputs
        cells[0] = code
        var badOutput = json
        badOutput["cells"] = cells
        XCTAssertFalse(try validator().problems(in: badOutput).isEmpty, "an unknown output type is caught")

        var badID = json
        var first = cells[1]
        first["id"] = "has spaces"
        badID["cells"] = [first]
        XCTAssertFalse(try validator().problems(in: badID).isEmpty, "cell ids follow the pattern")
    }

    func testCellsAndOutputsMapToJupyterKinds() throws {
        let (_, json) = try exported()
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertEqual(json["nbformat_minor"] as? Int, 5)
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["cell_type"] as? String ?? "" },
                       ["markdown", "code", "code", "markdown", "code", "markdown", "code", "code", "code", "code"])
        XCTAssertEqual(Set(cells.compactMap { $0["id"] as? String }).count, cells.count, "ids are unique")

        func outputs(_ index: Int) -> [[String: Any]] { cells[index]["outputs"] as? [[String: Any]] ?? [] }
        let params = cells[1]
        XCTAssertEqual((params["metadata"] as? [String: Any])?["tags"] as? [String], ["parameters"])
        XCTAssertEqual(params["execution_count"] as? Int, 1, "code cells are counted as a reader counts them")

        let load = outputs(2)
        XCTAssertEqual(load.map { $0["output_type"] as? String }, ["stream", "execute_result"])
        XCTAssertEqual(load[1]["execution_count"] as? Int, 2)
        XCTAssertEqual((load[1]["data"] as? [String: Any])?["text/plain"] as? [String], ["32"])

        let train = outputs(4)
        let svg = try XCTUnwrap(((train[1]["data"] as? [String: Any])?["image/svg+xml"] as? [String])?.joined())
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" "), "a chart stands alone as SVG")
        XCTAssertTrue(svg.contains("<style>"), "with its styles inside")
        XCTAssertTrue(svg.contains("class=\"title\">Training loss</text>"), "and its title, which the report shows outside")

        let evaluate = outputs(6)
        XCTAssertEqual(evaluate.map { $0["output_type"] as? String }, ["display_data", "execute_result", "display_data"])
        let html = try XCTUnwrap(((evaluate[0]["data"] as? [String: Any])?["text/html"] as? [String])?.joined())
        XCTAssertTrue(html.contains("<table>") && html.contains("Per-class IoU"), html)

        let samples = outputs(7)
        XCTAssertEqual(samples.count, 3, "a row of three pictures is three outputs")
        let png = try XCTUnwrap((samples[0]["data"] as? [String: Any])?["image/png"] as? String)
        XCTAssertEqual(Data(base64Encoded: png)?.prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))

        XCTAssertEqual(outputs(8).first?["output_type"] as? String, "error")
        XCTAssertTrue(cells[9]["execution_count"] is NSNull, "a cell that did not run has no count")
        XCTAssertTrue(outputs(9).isEmpty)
    }

    func testMarkdownLinksPicturesWrittenBeside() throws {
        let document = MarkdownExporter.export(try ReportFixtures.demoResult(), assetFolder: "camvid_files")
        XCTAssertTrue(document.text.hasPrefix("# CamVid semantic segmentation with a UNet"), document.text)
        XCTAssertTrue(document.text.contains("```seg\nlet train = camvid.load("), document.text)
        XCTAssertTrue(document.text.contains("```text\nloaded 32 frames \n```"), document.text)
        XCTAssertTrue(document.text.contains("| class | IoU | accuracy |\n| --- | ---: | ---: |\n| Sky | 0.890 | 97.9% |"), document.text)
        XCTAssertTrue(document.text.contains("![chart: Training loss (train, validation)](camvid_files/cell5-2.svg)"), document.text)
        XCTAssertTrue(document.text.contains("![ground truth](camvid_files/cell8-1-2.png)"), document.text)
        XCTAssertFalse(document.text.contains("show([frame, truth, overlay])"), "echo=false hides the code")
        XCTAssertEqual(document.files.map(\.path), ["camvid_files/cell5-2.svg", "camvid_files/cell8-1-1.png",
                                                     "camvid_files/cell8-1-2.png", "camvid_files/cell8-1-3.png"])
        XCTAssertEqual(MarkdownExporter.assetFolderName(forDocument: "/tmp/out/report.md"), "report_files")
    }

    func testFencesOutgrowBackticksInside() {
        XCTAssertEqual(MarkdownExporter.fenceFor("plain"), "```")
        XCTAssertEqual(MarkdownExporter.fenceFor("a ```` b"), "`````")
        XCTAssertEqual(ExportText.markdownTable(OutputTable(columns: ["a|b"], rows: [[.text("x|y")]])), "| a\\|b |\n| --- |\n| x\\|y |")
    }
}

/// Jupyter's own validator, when python3 with nbformat is on the machine (the Swift check always runs).
enum PythonNbformat {
    static func validateIfAvailable(_ notebook: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("export.ipynb")
        try notebook.write(to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys
            try:
                import nbformat
            except ImportError:
                sys.exit(77)
            nbformat.validate(nbformat.read(sys.argv[1], as_version=4))
            """, path.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 { return }
        XCTAssertEqual(process.terminationStatus, 0, "nbformat.validate: \(message)", file: file, line: line)
    }
}
