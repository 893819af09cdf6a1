import Foundation
import XCTest
import SegTestSupport

/// `segnb run` shows what cells print while they run, in a log file as in a terminal, and its
/// progress bars read right in both.
final class StreamedRunTests: ScratchHomeTestCase {
    private func writeFile(_ text: String, to name: String) throws -> URL {
        let url = try XCTUnwrap(scratch).work.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A cell that prints, works for `seconds`, then prints again.
    private static let slowPrinter = """
        %% md
        # Slow

        %% code warmup
        let a = 1

        %% code train
        print("epoch 1: loss 0.5")
        let t0 = time()
        while time() - t0 < 3 { }
        print("epoch 2: loss 0.25")

        """

    func testPrintedLinesReachALogFileWhileTheCellRuns() throws {
        let scratch = try XCTUnwrap(scratch)
        let notebook = try writeFile(Self.slowPrinter, to: "slow.segnb")
        let log = scratch.work.appendingPathComponent("run.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = try SegnbBinary.required()
        process.arguments = ["run", notebook.path, "--no-cache"]
        process.environment = scratch.environment()
        process.currentDirectoryURL = scratch.work
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var seenWhileRunning = false
        let deadline = Date().addingTimeInterval(PseudoTerminal.patience)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("epoch 1: loss 0.5\n") {
                seenWhileRunning = process.isRunning && !text.contains("epoch 2")
                break
            }
            usleep(20_000)
        }
        XCTAssertTrue(seenWhileRunning, "the first epoch line is in the log before the cell ends")
        process.waitUntilExit()
        try handle.close()
        XCTAssertEqual(process.terminationStatus, 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["[3/3] cell 3 \"train\"", "epoch 1: loss 0.5", "epoch 2: loss 0.25",
                               notebook.deletingPathExtension().path + ".html"],
                       "printed lines in order under the cell's header, the report path last")
    }

    func testPipedOutputKeepsHeadersAndTimingsInOrder() throws {
        let scratch = try XCTUnwrap(scratch)
        let notebook = try writeFile("""
            %% code one
            print("from one")
            print("no newline", end: "")

            %% code quiet
            let b = 2

            %% code two
            print("from two")

            """, to: "order.segnb")
        // One pipe for both streams, as `segnb run nb > log 2>&1` gives.
        let process = Process()
        process.executableURL = try SegnbBinary.required()
        process.arguments = ["run", notebook.path, "--no-cache"]
        process.environment = scratch.environment()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), ["[1/3] cell 1 \"one\"", "from one", "no newline"], lines.joined(separator: "\n"))
        XCTAssertTrue(lines[3].hasPrefix("[1/3] cell 1 \"one\": "), "the timing follows the cell's output: \(lines)")
        XCTAssertTrue(lines[4].hasPrefix("[2/3] cell 2 \"quiet\": "), "a cell that prints nothing has only its timing: \(lines)")
        XCTAssertEqual(Array(lines[5...6]), ["[3/3] cell 3 \"two\"", "from two"])
    }

    func testProgressIsAPlainLineEveryTenthWhenStderrIsNotATerminal() throws {
        let notebook = try writeFile("""
            %% code loop
            var total = 0
            for i in progress(range(50), label: "steps") { total += i }
            total

            """, to: "bars.segnb")
        let run = try CommandRun.segnb(["run", notebook.path, "--no-cache"], environment: try XCTUnwrap(scratch).environment())
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("steps: ") }
        XCTAssertFalse(run.stderr.contains("\r"), "no carriage returns in a log")
        XCTAssertFalse(run.stderr.contains("\u{1B}"), "no escapes in a log")
        XCTAssertLessThanOrEqual(lines.count, 11, run.stderr)
        XCTAssertGreaterThanOrEqual(lines.count, 2, run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("steps: 5/50 (10%)") }, run.stderr)
        XCTAssertTrue(lines.last?.hasPrefix("steps: 50/50 (100%)") ?? false, run.stderr)
    }

    func testQuietKeepsOnlyErrorsAndTheReportPath() throws {
        let notebook = try writeFile("""
            %% code chatty
            print("hello")
            for i in progress(range(3), label: "p") { }

            %% code broken
            nope

            """, to: "chatty.segnb")
        let run = try CommandRun.segnb(["run", notebook.path, "--quiet"], environment: try XCTUnwrap(scratch).environment())
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, notebook.deletingPathExtension().path + ".html\n")
        XCTAssertTrue(run.stderr.contains("unknown name 'nope'"), run.stderr)
        XCTAssertFalse(run.stderr.contains("p: "), "no progress: \(run.stderr)")
        XCTAssertFalse(run.stderr.contains("[1/2]"), "no cell timings: \(run.stderr)")
    }

    func testTerminalBarShowsASaneRateAndNoStrayUnit() throws {
        let scratch = try XCTUnwrap(scratch)
        _ = try writeFile("""
            %% code loop
            print("before")
            for i in progress(range(4), label: "slow") {
                let t0 = time()
                while time() - t0 < 0.3 { }
            }
            print("after")

            """, to: "bar.segnb")
        let terminal = try PseudoTerminal.segnb(["run", "bar.segnb", "--no-cache"], in: scratch)
        XCTAssertEqual(terminal.waitForExit(), 0, terminal.screenText)
        let lines = terminal.visibleLines
        let bar = try XCTUnwrap(lines.first { $0.hasPrefix("slow ") }, lines.joined(separator: "\n"))
        XCTAssertTrue(bar.contains("4/4"), bar)
        XCTAssertFalse(bar.hasSuffix("s s"), "the bar's line holds no leftover of a longer one: \(bar)")
        let ordered = lines.filter { ["before", "after"].contains($0) || $0.hasPrefix("slow ") }
        XCTAssertEqual(ordered.count, 3, lines.joined(separator: "\n"))
        XCTAssertEqual(ordered.first, "before")
        XCTAssertEqual(ordered.last, "after")
        // Every rate the bar ever showed is near the loop's real ~3.3 it/s: never the first instant's.
        let screen = terminal.screenText
        let rates = screen.components(separatedBy: " it/s").dropLast().compactMap { Double($0.split(separator: " ").last ?? "") }
        let perItem = screen.components(separatedBy: " s/it").dropLast().compactMap { Double($0.split(separator: " ").last ?? "") }
        XCTAssertFalse(rates.isEmpty && perItem.isEmpty, screen)
        for rate in rates { XCTAssertLessThan(rate, 4, "a rate faster than the loop: \(screen)") }
        for seconds in perItem { XCTAssertLessThan(seconds, 5) }
    }
}
