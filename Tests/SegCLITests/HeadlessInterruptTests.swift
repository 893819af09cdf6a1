import Foundation
import XCTest
import SegTestSupport

/// Ctrl-C during `segnb run` stops the running cell and still writes the report.
final class HeadlessInterruptTests: XCTestCase {
    func testCtrlCStopsTheRunAndTheReportIsWritten() throws {
        let scratch = try ScratchHome()
        let notebook = scratch.work.appendingPathComponent("long.segnb")
        try "%% code first\nlet a = 1\n%% code long\nvar i = 0\nwhile true { i += 1 }\n%% code after\na\n"
            .write(to: notebook, atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal.segnb(["run", "long.segnb", "--no-cache"], in: scratch)
        terminal.expect("[1/3] cell 1 \"first\"")
        XCTAssertTrue(terminal.interrupt(until: "interrupting"), terminal.screenText)
        XCTAssertEqual(terminal.waitForExit(), 1, terminal.screenText)
        XCTAssertTrue(terminal.screenText.contains("[2/3] cell 2 \"long\": failed"), terminal.screenText)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.work.appendingPathComponent("long.html").path))
    }
}
