import Foundation
import XCTest
import SegTestSupport

/// Commands that execute Seg code.
final class CommandExecutionTests: ScratchHomeTestCase {
    func testScriptPrintsOnlyWhatItPrintsAndFailsWithOne() throws {
        let ok = try write("let a = 2\nprint(a + 1)\na\n", to: "ok.seg")
        let run = try segnb(["script", ok])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "3\n", "a script does not display its last value")
        let bad = try write("let a = 2\nnope\nprint(a)\n", to: "bad.seg")
        let failed = try segnb(["script", bad])
        XCTAssertEqual(failed.status, 1)
        XCTAssertEqual(failed.stdout, "")
        XCTAssertTrue(failed.stderr.hasPrefix("\(bad):2:1: error: unknown name 'nope'\n    nope\n    ^"), failed.stderr)
    }

    func testCheckReportsEverySyntaxErrorWithItsLine() throws {
        let script = try write("let a = 1\nlet = 5\nlet c = 3 + * 4\n", to: "broken.seg")
        let run = try segnb(["check", script])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("broken.seg:2:5: error: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("broken.seg:3:13: error: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("2 syntax errors"), run.stderr)
        let clean = try write("let a = 1\n", to: "clean.seg")
        let passed = try segnb(["check", clean])
        XCTAssertEqual(passed.status, 0)
        XCTAssertEqual(passed.stdout, "\(clean): no syntax errors\n", "a clean check says so in one line")
        let cleanNotebook = try write("%% md\n# T\n\n%% params\nlet n = 1\n\n%% code one\nlet a = n\n\n%% code two\na + 1\n", to: "clean.segnb")
        let notebookPassed = try segnb(["check", cleanNotebook])
        XCTAssertEqual(notebookPassed.status, 0, notebookPassed.stderr)
        XCTAssertEqual(notebookPassed.stdout, "\(cleanNotebook): no syntax errors (3 cells checked)\n")
        let notebook = try write("%% md\n# T\n\n%% code one\nlet a = 1\nlet c = 3 + * 4\n", to: "broken.segnb")
        let checked = try segnb(["check", notebook])
        XCTAssertEqual(checked.status, 1)
        XCTAssertTrue(checked.stderr.contains("broken.segnb:6:13: error: "), checked.stderr)
    }

    func testRunWritesTheReportAndTheSecondRunComesFromTheCache() throws {
        let notebook = try write(try String(contentsOf: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb")), to: "tiny.segnb")
        let first = try segnb(["run", notebook])
        XCTAssertEqual(first.status, 0, first.stderr)
        let report = (notebook as NSString).deletingPathExtension + ".html"
        XCTAssertEqual(first.stdout, report + "\n", "the report path at the end")
        XCTAssertTrue(FileManager.default.fileExists(atPath: report))
        XCTAssertTrue(first.stderr.contains("double"), first.stderr)
        let second = try segnb(["run", notebook])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("cached"), second.stderr)
        let explain = try segnb(["explain", notebook, "double"])
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.contains("would be restored"), explain.stdout)
        let quiet = try segnb(["run", notebook, "--quiet", "-o", "out.html", "-p", "n=5"])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "", "--quiet prints no progress")
        let html = try String(contentsOfFile: try XCTUnwrap(scratch).work.appendingPathComponent("out.html").path, encoding: .utf8)
        XCTAssertTrue(html.contains("10"), "the overridden param reached the cell")
    }

    func testFailingCellExitsWithOneAndStillWritesTheReport() throws {
        let notebook = try write("%% code ok\nlet a = 1\n%% code bad\nnope\n%% code after\na\n", to: "fails.segnb")
        let run = try segnb(["run", notebook])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("unknown name 'nope'"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: (notebook as NSString).deletingPathExtension + ".html"))
    }

    func testUnknownParamIsAUsageErrorListingTheParams() throws {
        let notebook = try write(try String(contentsOf: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb")), to: "tiny.segnb")
        let run = try segnb(["run", notebook, "-p", "epochs=2"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("unknown parameter 'epochs'"), run.stderr)
        XCTAssertTrue(run.stderr.contains("n = 3"), run.stderr)
    }

    func testTimeoutBoundsTheWholeRun() throws {
        let notebook = try write("%% code spin\nvar i = 0\nwhile true { i += 1 }\n", to: "spin.segnb")
        let run = try segnb(["run", notebook, "--timeout", "1", "--no-cache"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("time limit"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: (notebook as NSString).deletingPathExtension + ".html"))
    }

    func testExplainNamesTheChangedSource() throws {
        let notebook = try write("%% code one\nlet a = 1\n%% code two\na + 1\n", to: "two.segnb")
        XCTAssertEqual(try segnb(["run", notebook]).status, 0)
        try "%% code one\nlet a = 2\n%% code two\na + 1\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let one = try segnb(["explain", notebook, "one"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("would run"), one.stdout)
        XCTAssertTrue(one.stdout.contains("source"), one.stdout)
        let two = try segnb(["explain", notebook, "2"])
        XCTAssertTrue(two.stdout.contains("would run"), two.stdout)
        XCTAssertTrue(two.stdout.contains("one"), "the changed input names the cell that produced it: \(two.stdout)")
        let missing = try segnb(["explain", notebook, "nine"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no cell 'nine'"), missing.stderr)
    }
}
