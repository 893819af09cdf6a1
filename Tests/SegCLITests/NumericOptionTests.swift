import Foundation
import XCTest
import SegTestSupport

/// Numbers from the command line and cell headers that once trapped: each ends with 0, 1 or 2 and a message.
final class NumericOptionTests: ScratchHomeTestCase {
    override var commandTimeout: TimeInterval { 30 }

    func testHugeTimeoutsAreNoLimitAndBadOnesAreUsageErrors() throws {
        let notebook = try XCTUnwrap(scratch).work.appendingPathComponent("nb.segnb")
        try "%% code a timeout=1e16\nlet a = 1\na\n".write(to: notebook, atomically: true, encoding: .utf8)
        XCTAssertEqual(try segnb(["check", notebook.path]).status, 0)
        for limit in ["inf", "1e300", "1e16", "99999999999"] {
            let run = try segnb(["run", notebook.path, "--no-cache", "--timeout", limit])
            XCTAssertEqual(run.status, 0, "--timeout \(limit): \(run.stderr)")
        }
        for limit in ["nan", "-1", "0", "soon"] {
            let run = try segnb(["run", notebook.path, "--timeout=\(limit)"])
            XCTAssertEqual(run.status, 2, "--timeout \(limit): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("timeout"), run.stderr)
        }
    }

    func testPruneSizes() throws {
        let huge = try segnb(["cache", "prune", "--max-size", "99999999999G"])
        XCTAssertEqual(huge.status, 0, huge.stderr)
        XCTAssertTrue(huge.stdout.hasPrefix("removed 0 entries"), huge.stdout)
        for size in ["1e30", "-5", "abc", "nan"] {
            let run = try segnb(["cache", "prune", "--max-size=\(size)"])
            XCTAssertEqual(run.status, 2, "--max-size \(size): \(run.stdout)")
            XCTAssertTrue(run.stderr.contains("--max-size '\(size)' is not a size"), run.stderr)
        }
    }
}
