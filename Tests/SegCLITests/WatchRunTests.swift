import Foundation
import XCTest
import SegTestSupport

/// `segnb run --watch` re-runs on each save and stops cleanly on Ctrl-C.
final class WatchRunTests: XCTestCase {
    private func waitFor(_ condition: () -> Bool, timeout: TimeInterval = PseudoTerminal.patience) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    func testEditsReRunWhatTheyAffectAndCtrlCStops() throws {
        let scratch = try ScratchHome()
        let notebook = scratch.work.appendingPathComponent("watched.segnb")
        let settings = scratch.work.appendingPathComponent("settings.txt")
        try "alpha".write(to: settings, atomically: true, encoding: .utf8)
        let original = "%% code first\nlet a = 20\nprint(\"first ran\")\n%% code second depends=settings.txt\nprint(\"value \\(a + 1)\")\n"
        try original.write(to: notebook, atomically: true, encoding: .utf8)
        let report = scratch.work.appendingPathComponent("watched.html")
        let terminal = try PseudoTerminal.segnb(["run", "watched.segnb", "--watch"], in: scratch)
        terminal.expect("watching watched.segnb and 1 file it depends on")
        let html = { (try? String(contentsOf: report, encoding: .utf8)) ?? "" }
        XCTAssertTrue(html().contains("value 21"), "the first run wrote the report")

        try original.replacingOccurrences(of: "a + 1", with: "a + 2").write(to: notebook, atomically: true, encoding: .utf8)
        XCTAssertTrue(waitFor { html().contains("value 22") }, "the report follows the edit: \(terminal.screenText)")
        terminal.expect("watched.segnb changed; running again")
        terminal.expect("[1/2] cell 1 \"first\": cached", timeout: 5)
        terminal.expect("value 22")

        try "beta".write(to: settings, atomically: true, encoding: .utf8)
        terminal.expect("settings.txt changed; running again")
        terminal.expect("[2/2] cell 2 \"second\"")
        terminal.expect("value 22")

        // A save that breaks the notebook is reported; the watch goes on.
        try "%% nonsense\n".write(to: notebook, atomically: true, encoding: .utf8)
        terminal.expect("unknown cell kind", timeout: PseudoTerminal.patience)
        try original.write(to: notebook, atomically: true, encoding: .utf8)
        XCTAssertTrue(waitFor { html().contains("value 21") }, terminal.screenText)

        terminal.send("\u{3}")
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.screenText)
        XCTAssertTrue(terminal.screenText.contains("stopped watching"), terminal.screenText)
    }
}
