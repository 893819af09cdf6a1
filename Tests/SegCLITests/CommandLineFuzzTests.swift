import Foundation
import SegTensor
import XCTest
import SegRandom
import SegTestSupport

/// Random and hostile argument vectors against the built `segnb`: every run ends by itself within
/// seconds with exit 0, 1 or 2 (never a signal), and a failure always says something on stderr.
/// Everything happens inside a scratch folder; no vector names a path outside it.
final class CommandLineFuzzTests: ScratchHomeTestCase {
    static let commands = ["run", "script", "check", "explain", "cache", "cache status", "cache clear", "cache prune",
                           "repl", "help", "--help", "--version", "bogus", ""]
    static let options = ["-o", "--output", "-p", "--cache-dir", "--no-cache", "--quiet", "--timeout", "--list-params",
                          "--max-size", "--", "-", "-x", "--unknown", "-h"]
    static let values = ["tiny.segnb", "broken.segnb", "ok.seg", "garbage.segnb", "empty.seg", "missing.segnb", "folder",
                         "out.html", "folder/out.html", "cache", ".", "inf", "-inf", "nan", "1e16", "-1", "0", "1e308",
                         "99999999999G", "18446744073709551616", "9223372036854775807", "1.5GiB", "", " ", "=", "n=", "=1",
                         "n=1e999", "n=[[[[", "seed=abc", "n=" + String(repeating: "[", count: 300), "n=-9223372036854775808",
                         "double", "1", "99999999999999999999", "é", "\u{202E}x", "a\u{0}b", String(repeating: "a", count: 5000)]

    /// The files the vectors name, rewritten before every run since a vector may overwrite them.
    private func writeFixtures(in work: URL) throws {
        let files = [
            "tiny.segnb": "%% md\n# Tiny\n\n%% params\nlet n = 3\n\n%% code double\nlet doubled = n + n\ndoubled\n",
            "broken.segnb": "%% code a timeout=abc\n%% nope\nlet = 1\n",
            "ok.seg": "let a = 2\nprint(a + 1)\n",
            "garbage.segnb": "%%\u{1}\u{FFFD}[[[[ \"\"\" \\( %% code x=\n",
            "empty.seg": "",
        ]
        for (name, text) in files { try text.write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try FileManager.default.createDirectory(at: work.appendingPathComponent("folder"), withIntermediateDirectories: true)
    }

    static func randomVector(_ rng: inout SplitMix64) -> [String] {
        var vector = commands.randomElement(using: &rng)?.split(separator: " ").map(String.init) ?? []
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: vector.append(options.randomElement(using: &rng) ?? "--")
            case 1: vector.append(values.randomElement(using: &rng) ?? "")
            default: vector += [options.randomElement(using: &rng) ?? "-p", values.randomElement(using: &rng) ?? ""]
            }
        }
        return vector
    }

    /// The examples of issue 19 and their variants, then random vectors from a fixed seed.
    static func vectors() -> [[String]] {
        var list: [[String]] = [
            ["run", "tiny.segnb", "--timeout", "inf"], ["run", "tiny.segnb", "--timeout", "nan"],
            ["run", "tiny.segnb", "--timeout", "1e308"], ["run", "tiny.segnb", "--timeout", "-1"],
            ["cache", "prune", "--max-size", "99999999999G", "--cache-dir", "cache"],
            ["cache", "prune", "--max-size", "1e400", "--cache-dir", "cache"],
            ["cache", "prune", "--max-size", "18446744073709551616", "--cache-dir", "cache"],
            ["run", "tiny.segnb", "-p", "n=1e999"], ["check", "tiny.segnb", "-p", "n=" + String(repeating: "[", count: 300)],
            ["run", "tiny.segnb", "--list-params", "-p", "n=[[[[1]]]]"], ["explain", "tiny.segnb", "99999999999999999999"],
            ["explain", "tiny.segnb", "-1"], ["run", "folder"], ["script", "folder"], ["check", "missing.segnb"],
            ["run", "tiny.segnb", "-o", "folder"], ["run", "garbage.segnb"], ["script", "empty.seg"], [],
        ]
        var rng = SplitMix64(seed: 19)
        for _ in 0..<100 { list.append(randomVector(&rng)) }
        return list
    }

    func testHostileArgumentVectorsEndCleanly() throws {
        let scratch = try XCTUnwrap(scratch)
        for vector in Self.vectors() {
            try writeFixtures(in: scratch.work)
            let started = Date()
            let run = try CommandRun.segnb(vector, environment: scratch.environment(), directory: scratch.work, timeout: 30)
            let seconds = Date().timeIntervalSince(started)
            XCTAssertNil(run.signal, "segnb \(vector) died of signal \(run.signal ?? 0): \(run.stderr.suffix(400))")
            XCTAssertTrue([0, 1, 2].contains(run.status), "segnb \(vector) exited \(run.status): \(run.stderr.suffix(400))")
            XCTAssertLessThan(seconds, 20, "segnb \(vector) took \(seconds) s")
            if run.status != 0 {
                XCTAssertFalse(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                               "segnb \(vector) failed without a message")
            }
        }
    }
}
