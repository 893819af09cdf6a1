import Foundation
import XCTest
import SegTestSupport

/// `segnb export` through the binary: the last run's outputs from the cache, nothing run.
final class ExportCommandTests: ScratchHomeTestCase {
    private static let notebook = """
        %% md
        # Exported

        %% params
        let n = 3

        %% code double
        print("doubling \\(n)")
        n * 2

        %% code fresh cache=false
        print("never cached")

        %% code chart
        plot.line([3.0, 2.0, 1.5], title: "loss")

        """

    func testExportsTheCachedRunWithoutRunningAnything() throws {
        let work = try XCTUnwrap(scratch).work
        try Self.notebook.write(to: work.appendingPathComponent("nb.segnb"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try segnb(["run", "nb.segnb", "-p", "n=4", "--quiet"]).status, 0)

        let export = try segnb(["export", "nb.segnb", "--to", "ipynb", "-p", "n=4"])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(export.stdout, "nb.ipynb\n")
        XCTAssertEqual(export.stderr, "segnb: warning: cell 4 \"fresh\" has no cached result; exported without outputs\n")
        XCTAssertFalse(export.stderr.contains("doubling"), "nothing ran")
        let data = try Data(contentsOf: work.appendingPathComponent("nb.ipynb"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        let double = try XCTUnwrap(cells[2]["outputs"] as? [[String: Any]])
        XCTAssertEqual(double.map { $0["output_type"] as? String }, ["stream", "execute_result"])
        XCTAssertEqual(double[0]["text"] as? [String], ["doubling 4\n"], "the outputs of the run with the same -p")
        XCTAssertEqual((cells[3]["outputs"] as? [Any])?.count, 0)
        let chart = try XCTUnwrap((cells[4]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
        XCTAssertNotNil(chart["image/svg+xml"])

        let other = try segnb(["export", "nb.segnb", "--to", "ipynb", "-o", "default.ipynb"])
        XCTAssertEqual(other.status, 0)
        XCTAssertTrue(other.stderr.contains("cell 3 \"double\" has no cached result"), "the default n=3 never ran: \(other.stderr)")

        let markdown = try segnb(["export", "nb.segnb", "--to", "md", "-p", "n=4", "-o", "out/nb.md"])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("out/nb.md"), encoding: .utf8)
        XCTAssertTrue(text.contains("```text\ndoubling 4\n```"), text)
        XCTAssertTrue(text.contains("](nb_files/cell5-1.svg)"), text)
        XCTAssertTrue(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/nb_files/cell5-1.svg").path))
    }

    func testUsageErrors() throws {
        let work = try XCTUnwrap(scratch).work
        try Self.notebook.write(to: work.appendingPathComponent("nb.segnb"), atomically: true, encoding: .utf8)
        let format = try segnb(["export", "nb.segnb", "--to", "pdf"])
        XCTAssertEqual(format.status, 2)
        XCTAssertTrue(format.stderr.contains("pdf"), format.stderr)
        let param = try segnb(["export", "nb.segnb", "--to", "ipynb", "-p", "nope=1"])
        XCTAssertEqual(param.status, 2)
        XCTAssertTrue(param.stderr.contains("nope"), param.stderr)
        let missing = try segnb(["export", "missing.segnb", "--to", "md"])
        XCTAssertEqual(missing.status, 2)
        let unwritable = try segnb(["export", "nb.segnb", "--to", "ipynb", "-o", "/proc/nope/nb.ipynb"])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertTrue(unwritable.stderr.contains("cannot write /proc/nope/nb.ipynb"), unwritable.stderr)
    }
}
