import Foundation
import Glibc
import XCTest
import SegTestSupport

/// Unusable inputs and outputs get a sentence about the file, never a Swift error dump or a hang.
final class InputErrorTests: ScratchHomeTestCase {
    override var commandTimeout: TimeInterval { 20 }

    private func assertNoSwiftDump(_ run: CommandRun, file: StaticString = #filePath, line: UInt = #line) {
        for dump in ["NSCocoaErrorDomain", "CellFailure(", "Optional(", "Error Domain", "(null)"] {
            XCTAssertFalse(run.stderr.contains(dump), run.stderr, file: file, line: line)
        }
    }

    func testFifosDevicesAndFoldersAreNotRegularFiles() throws {
        let work = try XCTUnwrap(scratch).work
        let fifo = work.appendingPathComponent("pipe.segnb").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // A pseudo-terminal the test opens stands for a device: no system path is touched.
        var master: Int32 = -1, slave: Int32 = -1
        XCTAssertEqual(openpty(&master, &slave, nil, nil, nil), 0)
        defer { close(master); close(slave) }
        let device = try XCTUnwrap(ttyname(slave).map { String(cString: $0) })
        let cases: [(String, String)] = [(fifo, "it is a pipe (FIFO), not a regular file"),
                                         (device, "it is a device, not a regular file"),
                                         (work.path, "it is a directory")]
        for (path, reason) in cases {
            for command in [["run", path], ["check", path], ["script", path], ["explain", path, "1"], ["repl", path], ["cache", "status", path]] {
                let run = try segnb(command)
                XCTAssertEqual(run.status, 2, "\(command): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("'\(path)': \(reason)"), "\(command): \(run.stderr)")
                assertNoSwiftDump(run)
            }
        }
        let loaded = try CommandRun.segnb(["repl"], input: ":load \(fifo)\n", environment: try XCTUnwrap(scratch).environment(),
                                          directory: work, timeout: 20)
        XCTAssertTrue(loaded.stderr.contains("not a regular file"), loaded.stderr)
    }

    func testAnUnwritableReportPathIsASentence() throws {
        let work = try XCTUnwrap(scratch).work
        let notebook = work.appendingPathComponent("nb.segnb").path
        try "%% code\nlet a = 1\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let missing = try segnb(["run", notebook, "-o", "/nonexistent/dir/r.html"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("cannot write the report to /nonexistent/dir/r.html: the folder /nonexistent/dir does not exist"),
                      missing.stderr)
        assertNoSwiftDump(missing)
        let repl = try CommandRun.segnb(["repl", notebook], input: ":report /nonexistent/dir/r.html\n",
                                        environment: try XCTUnwrap(scratch).environment(), directory: work, timeout: 20)
        XCTAssertTrue(repl.stderr.contains("cannot write the report: /nonexistent/dir/r.html: the folder /nonexistent/dir does not exist"),
                      repl.stderr)
        assertNoSwiftDump(repl)
        let file = work.appendingPathComponent("plain.txt").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let underFile = try segnb(["run", notebook, "-o", file + "/r.html"])
        XCTAssertEqual(underFile.status, 1)
        XCTAssertTrue(underFile.stderr.contains("\(file) is not a folder"), underFile.stderr)
        assertNoSwiftDump(underFile)
    }

    func testAnUncreatableCacheFolderIsOneWarningAndTheRunGoesOn() throws {
        let work = try XCTUnwrap(scratch).work
        let notebook = work.appendingPathComponent("nb.segnb").path
        try "%% code a\nlet a = 1\n%% code b\nlet b = 2\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        let file = work.appendingPathComponent("plain.txt").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try segnb(["run", notebook, "--cache-dir", file + "/cache"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("cannot create the cache folder \(file)/cache: \(file) is a file, not a folder; results are not cached"),
                      run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "warning:").count, 2, "one warning: \(run.stderr)")
        assertNoSwiftDump(run)
    }

    func testAnOutOfRangeParamIsNamed() throws {
        let notebook = SegnbBinary.fixtures.appendingPathComponent("tiny.segnb").path
        let run = try segnb(["run", notebook, "-p", "n=1e999", "--no-cache", "-o", "out.html"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("parameter 'n' expects an Int"), run.stderr)
        assertNoSwiftDump(run)
    }
}
