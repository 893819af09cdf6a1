import Foundation
import XCTest
import SegTestSupport

/// `segnb` commands as a shell runs them: exit statuses and error text per the contract.
final class CommandLineTests: ScratchHomeTestCase {
    func testVersionAndHelp() throws {
        let version = try CommandRun.segnb(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
        let help = try CommandRun.segnb(["help", "run"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--no-cache"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--list-params"))
    }

    func testUsageErrorsExitWithTwo() throws {
        let unknown = try CommandRun.segnb(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("frobnicate"), unknown.stderr)
        let missing = try CommandRun.segnb(["run"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("Missing expected argument"), missing.stderr)
        let badParam = try CommandRun.segnb(["run", "x.segnb", "-p", "epochs"])
        XCTAssertEqual(badParam.status, 2)
        XCTAssertTrue(badParam.stderr.contains("-p expects NAME=VALUE, got 'epochs'"), badParam.stderr)
        let badSize = try CommandRun.segnb(["cache", "prune", "--max-size", "lots"])
        XCTAssertEqual(badSize.status, 2)
        XCTAssertTrue(badSize.stderr.contains("--max-size 'lots'"), badSize.stderr)
    }

    func testUnreadableNotebookExitsWithTwo() throws {
        let run = try CommandRun.segnb(["run", "/nonexistent/nb.segnb"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "segnb: cannot read notebook '/nonexistent/nb.segnb': no such file\n")
    }

    func testBadNotebookHeaderExitsWithTwoAndTheLineNumber() throws {
        let path = try write("%% md\n# Title\n\n%% code ok\nlet a = 1\n%% cod broken\nlet b = 2\n", to: "bad.segnb")
        let run = try CommandRun.segnb(["run", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("bad.segnb:6:"), run.stderr)
        let explain = try CommandRun.segnb(["explain", path, "ok"])
        XCTAssertEqual(explain.status, 2)
        XCTAssertTrue(explain.stderr.contains("bad.segnb:6:"), explain.stderr)
        let check = try CommandRun.segnb(["check", path])
        XCTAssertEqual(check.status, 1, "check reports the errors it finds with status 1")
        XCTAssertTrue(check.stderr.contains("bad.segnb:6:"), check.stderr)
    }

    func testListParamsPrintsDefaults() throws {
        let path = SegnbBinary.fixtures.appendingPathComponent("tiny.segnb").path
        let run = try CommandRun.segnb(["run", path, "--list-params"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("n = 3"), run.stdout)
    }

    func testCacheCommandsOnAnEmptyCache() throws {
        let folder = try XCTUnwrap(scratch).work.appendingPathComponent("cache").path
        let status = try CommandRun.segnb(["cache", "status", "--cache-dir", folder])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("entries: 0"), status.stdout)
        let prune = try CommandRun.segnb(["cache", "prune", "--max-size", "1M", "--cache-dir", folder])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.hasPrefix("removed 0 entries"), prune.stdout)
        let clear = try CommandRun.segnb(["cache", "clear", "--cache-dir", folder])
        XCTAssertEqual(clear.status, 0, clear.stderr)
    }

    func testBatchReplFromAPipeHasNoPromptsOrEscapes() throws {
        let scratch = try XCTUnwrap(scratch)
        let run = try CommandRun.segnb(["repl"], input: "let a = 2\nfn f(x) {\n  x * 10\n}\na + 3\nf(4)\nnope\n:quit\nnot reached\n",
                                       environment: scratch.environment(), directory: scratch.work)
        XCTAssertEqual(run.stdout, "5\n40\n")
        XCTAssertTrue(run.stderr.contains("unknown name 'nope'"), run.stderr)
        XCTAssertFalse(run.stderr.contains("not reached"))
        XCTAssertEqual(run.status, 1, "a batch with a failing line exits with 1")
        XCTAssertFalse((run.stdout + run.stderr).contains("\u{1B}"))
        XCTAssertFalse(run.stdout.contains("seg>"))
    }
}
