import Foundation
import XCTest

/// Ctrl-C during `segnb run` stops the running cell and still writes the report.
final class HeadlessInterruptTests: XCTestCase {
    func testCtrlCStopsTheRunAndTheReportIsWritten() throws {
        let scratch = try ScratchHome()
        let notebook = scratch.work.appendingPathComponent("long.segnb")
        try "%% code first\nlet a = 1\n%% code long\nvar i = 0\nwhile true { i += 1 }\n%% code after\na\n"
            .write(to: notebook, atomically: true, encoding: .utf8)
        let binary = try XCTUnwrap(SegnbBinary.url)
        let terminal = try PseudoTerminal(executable: binary, arguments: ["run", "long.segnb", "--no-cache"],
                                          environment: scratch.environment(), directory: scratch.work)
        terminal.expect("[1/3] cell 1 \"first\"")
        var interrupted = false
        let deadline = Date().addingTimeInterval(PseudoTerminal.patience)
        while !interrupted, Date() < deadline {
            terminal.send("\u{3}")
            interrupted = terminal.expect("interrupting", timeout: 0.5, silently: true)
        }
        XCTAssertTrue(interrupted, terminal.screenText)
        XCTAssertEqual(terminal.waitForExit(), 1, terminal.screenText)
        XCTAssertTrue(terminal.screenText.contains("[2/3] cell 2 \"long\": failed"), terminal.screenText)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.work.appendingPathComponent("long.html").path))
    }
}
