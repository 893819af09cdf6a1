import Foundation
import XCTest
import SegTestSupport

/// `-p`, `--cache-dir` and `--no-cache` mean the same for `run`, `repl NOTEBOOK`, `explain` and
/// `cache ... NOTEBOOK`, and params are typed by their defaults.
final class NotebookOptionsTests: ScratchHomeTestCase {
    /// The tiny fixture (param `n = 3`, cell `double`) in a subfolder of the scratch folder.
    private func tinyNotebook() throws -> String {
        let folder = try XCTUnwrap(scratch).work.appendingPathComponent("Notebooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("tiny.segnb")
        try FileManager.default.copyItem(at: SegnbBinary.fixtures.appendingPathComponent("tiny.segnb"), to: path)
        return path.path
    }

    func testExplainAnswersForTheRunWithTheSameParams() throws {
        let notebook = try tinyNotebook()
        XCTAssertEqual(try segnb(["run", notebook, "-p", "n=5"]).status, 0)
        let same = try segnb(["explain", notebook, "double", "-p", "n=5"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertTrue(same.stdout.contains("would be restored"), same.stdout)
        let other = try segnb(["explain", notebook, "double", "-p", "n=6"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(other.stdout.contains("would run") && other.stdout.contains("param n changed: 5 -> 6"), other.stdout)
        let defaults = try segnb(["explain", notebook, "double"])
        XCTAssertTrue(defaults.stdout.contains("param n changed: 5 -> 3"), defaults.stdout)
        let uncached = try segnb(["explain", notebook, "double", "-p", "n=5", "--no-cache"])
        XCTAssertTrue(uncached.stdout.contains("would run") && uncached.stdout.contains("--no-cache"), uncached.stdout)
        let badType = try segnb(["explain", notebook, "double", "-p", "n=five"])
        XCTAssertEqual(badType.status, 2)
        XCTAssertTrue(badType.stderr.contains("parameter 'n' expects an Int"), badType.stderr)
        // The cache folder moves for every command alike.
        let elsewhere = try XCTUnwrap(scratch).work.appendingPathComponent("elsewhere").path
        XCTAssertEqual(try segnb(["run", notebook, "-p", "n=7", "--cache-dir", elsewhere]).status, 0)
        XCTAssertTrue(try segnb(["explain", notebook, "double", "-p", "n=7", "--cache-dir", elsewhere]).stdout.contains("would be restored"))
        XCTAssertTrue(try segnb(["cache", "status", notebook, "--cache-dir", elsewhere]).stdout.contains("entries: 1"))
    }

    func testCacheCommandsFindTheNotebooksCacheFromAnotherFolder() throws {
        let notebook = try tinyNotebook()
        XCTAssertEqual(try segnb(["run", notebook]).status, 0)
        let root = try XCTUnwrap(scratch).work
        // As after `make run` from the repository root: the cache is beside the notebook.
        let relative = "Notebooks/tiny.segnb"
        let status = try segnb(["cache", "status", relative], in: root)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("Notebooks/.segnb-cache"), status.stdout)
        XCTAssertTrue(status.stdout.contains("entries: 1"), status.stdout)
        XCTAssertTrue(try segnb(["cache", "status"], in: root).stdout.contains("entries: 0"), "without NOTEBOOK: the current folder's cache")
        let prune = try segnb(["cache", "prune", relative, "--max-size", "1G"], in: root)
        XCTAssertTrue(prune.stdout.hasPrefix("removed 0 entries"), prune.stdout)
        let clear = try segnb(["cache", "clear", relative], in: root)
        XCTAssertTrue(clear.stdout.hasPrefix("removed 1 entries"), clear.stdout)
        let missing = try segnb(["cache", "status", "Notebooks/none.segnb"], in: root)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("cannot read notebook 'Notebooks/none.segnb'"), missing.stderr)
        let unknown = try segnb(["cache", "clear", relative, "-p", "m=1"], in: root)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown parameter 'm'"), unknown.stderr)
    }

    func testReplStepsTheNotebookWithItsParams() throws {
        let notebook = try tinyNotebook()
        let stepped = try segnb(["repl", notebook, "-p", "n=21"], input: ":run all\n")
        XCTAssertEqual(stepped.status, 0, stepped.stderr)
        XCTAssertTrue(stepped.stdout.contains("42"), stepped.stdout)
        // The REPL's run used the notebook's cache under the same key as `run -p n=21`.
        XCTAssertTrue(try segnb(["explain", notebook, "double", "-p", "n=21"]).stdout.contains("would be restored"))
        let noNotebook = try segnb(["repl", "-p", "n=1"])
        XCTAssertEqual(noNotebook.status, 2)
        XCTAssertTrue(noNotebook.stderr.contains("give the NOTEBOOK"), noNotebook.stderr)
        let badType = try segnb(["repl", notebook, "-p", "n=[1]"])
        XCTAssertEqual(badType.status, 2)
        XCTAssertTrue(badType.stderr.contains("parameter 'n' expects an Int"), badType.stderr)
    }

    func testParamsOfAnotherTypeAreUsageErrorsBeforeAnyCellRuns() throws {
        let work = try XCTUnwrap(scratch).work
        let notebook = work.appendingPathComponent("typed.segnb")
        try """
        %% params
        let epochs = 20
        let lr = 0.002
        let flag = true
        let size = [192, 256]
        let data = "data"
        %% code
        print("ran")
        """.write(to: notebook, atomically: true, encoding: .utf8)
        let refused: [(String, String)] = [
            ("epochs=one", "parameter 'epochs' expects an Int (its default is 20), and 'one' is not one"),
            ("size=96,128", "parameter 'size' expects a List of Ints (its default is [192, 256]), and '96,128' is not one"),
            ("flag=maybe", "parameter 'flag' expects a Bool"),
            ("flag=False", "parameter 'flag' expects a Bool"),
            ("lr=fast", "parameter 'lr' expects a Float (its default is 0.002), and 'fast' is not one"),
            ("epochs=1e999", "'1e999' is not one (a number too large for an Int)"),
        ]
        for (override, message) in refused {
            let run = try segnb(["run", notebook.path, "-p", override])
            XCTAssertEqual(run.status, 2, override)
            XCTAssertTrue(run.stderr.contains(message), "\(override): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("CellFailure"), run.stderr)
            XCTAssertEqual(run.stdout, "", "\(override): nothing ran")
        }
        let listed = try segnb(["run", notebook.path, "--list-params", "-p", "epochs=one"])
        XCTAssertEqual(listed.status, 2, "--list-params checks -p as a run would")
        XCTAssertTrue(listed.stderr.contains("parameter 'epochs' expects an Int"), listed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("typed.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent(".segnb-cache").path))
        let accepted = try segnb(["run", notebook.path, "-p", "lr=1", "-p", "data=123", "-p", "size=[96, 128]", "-p", "flag=false"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
    }
}
