import Foundation
import XCTest
import SegTestSupport

/// Hostile inputs through the real `segnb` binary, whose main thread has the ordinary 8 MB stack:
/// deep values, deep literals, long chains, odd line ends. Each must end with a clear message or
/// the right result, never a crash (a signal shows as a status above 128 or a missing line).
final class HostileInputTests: ScratchHomeTestCase {
    override var commandTimeout: TimeInterval { 30 }

    private static let deepValues = """
        var a = []
        var b = []
        var d = {}
        for i in 0..<100000 {
          a = [a]
          b = [b]
        }
        for i in 0..<20000 { d = {"k": d} }
        """

    func testDeepValuesInAScript() throws {
        let script = try write(Self.deepValues + """

            print(a == b)
            print(a == [b])
            print(len(str(a)))
            print(str(d).starts_with("{k: {k: "))
            a = nil
            d = nil
            print("freed")
            """, to: "deep.seg")
        let run = try segnb(["script", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "true\nfalse\n107\ntrue\nfreed\n")
    }

    func testDeepValuesInANotebookCellAndTheRepl() throws {
        let build = "var a = []\nvar b = []\nfor i in 0..<100000 {\n  a = [a]\n  b = [b]\n}\n"
        let notebook = try write("%% code build\n" + build + "\n%% code use\nprint(a == b)\nlen(str(a))\n", to: "deep.segnb")
        let run = try segnb(["run", notebook, "-o", "deep.html"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try String(contentsOf: try XCTUnwrap(scratch).work.appendingPathComponent("deep.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("true") && report.contains("107"), "the report shows the second cell's outputs")

        let repl = try segnb(["repl"], input: "var a = []\nvar b = []\n"
                             + "for i in 0..<100000 { a = [a]; b = [b] }\n"
                             + "a == b\na = nil\nlen(str(b))\n:quit\n")
        XCTAssertEqual(repl.status, 0, repl.stderr)
        XCTAssertTrue(repl.stdout.contains("true\n107"), repl.stdout)
    }

    func testDeepListLiteralIsALocatedErrorEverywhere() throws {
        let deep = String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000)
        let script = try write("let ok = 1\nlet x = " + deep + "\n", to: "literal.seg")
        for command in ["check", "script"] {
            let run = try segnb([command, script])
            XCTAssertEqual(run.status, 1, "\(command): \(run.stderr.prefix(300))")
            XCTAssertTrue(run.stderr.contains("literal.seg:2:"), "\(command): \(run.stderr.prefix(300))")
            XCTAssertTrue(run.stderr.contains("nested too deeply"), "\(command): \(run.stderr.prefix(300))")
        }
        let notebook = try write("%% params\nlet x = " + deep + "\n\n%% code\nprint(x)\n", to: "literal.segnb")
        for arguments in [["check", notebook], ["run", notebook, "-o", "r.html"], ["run", notebook, "--list-params"],
                          ["explain", notebook, "2"]] {
            let run = try segnb(arguments)
            XCTAssertTrue(run.status == 1 || run.status == 2, "\(arguments): status \(run.status) \(run.stderr.prefix(300))")
            XCTAssertTrue(run.stderr.contains("nested too deeply"), "\(arguments): \(run.stderr.prefix(300))")
        }
        let plain = try write("%% params\nlet x = [1]\n\n%% code\nprint(x)\n", to: "plain.segnb")
        for arguments in [["run", plain, "-o", "r.html", "-p", "x=" + deep]] {
            let run = try segnb(arguments)
            XCTAssertTrue(run.status == 1 || run.status == 2, "\(arguments.prefix(3)): status \(run.status) \(run.stderr.prefix(300))")
            XCTAssertTrue(run.stderr.contains("nested too deeply"), "\(arguments.prefix(3)): \(run.stderr.prefix(300))")
        }
    }

    func testLongSumsAndMethodChainsRunAndCheck() throws {
        let sum = "1" + String(repeating: " + 1", count: 9_999)
        let chain = "\"a\"" + String(repeating: ".upper()", count: 5_000)
        let script = try write("print(\(sum))\nprint(\(chain))\nlet xs = [1]\nprint(xs" + String(repeating: "[0:1]", count: 2_000) + ")\n", to: "long.seg")
        let checked = try segnb(["check", script])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        let run = try segnb(["script", script])
        XCTAssertEqual(run.status, 0, String(run.stderr.prefix(300)))
        XCTAssertEqual(run.stdout, "10000\nA\n[1]\n")
    }

    func testCarriageReturnLineEnds() throws {
        let script = try write("let a = 1\rprint(a + 1)\rprint(\"two\")\r", to: "mac.seg")
        let run = try segnb(["script", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "2\ntwo\n")
        let broken = try write("let a = 1\rlet = 2\r", to: "macbad.seg")
        let failed = try segnb(["script", broken])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("macbad.seg:2:"), failed.stderr)
        let notebook = try write("%% params\rlet n = 3\r\r%% code twice\rprint(n * 2)\r", to: "mac.segnb")
        let ran = try segnb(["run", notebook, "-o", "mac.html", "-p", "n=21"])
        XCTAssertEqual(ran.status, 0, ran.stderr)
        let report = try String(contentsOf: try XCTUnwrap(scratch).work.appendingPathComponent("mac.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("42"), "the params cell and the code cell were read as separate lines")
    }

    func testShowInAScriptPrintsThePrintedForm() throws {
        let script = try write("show(5)\nshow([1, 2])\nshow(nil)\n7\n", to: "show.seg")
        let run = try segnb(["script", script])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("5\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[1, 2]\n"), run.stdout)
        XCTAssertFalse(run.stdout.contains("7"), "the script's last value is still not displayed: \(run.stdout)")
    }

    func testPrintingAHighRankTensorIsFast() throws {
        let script = try write("let t = zeros([1] * 100000)\nlet s = str(t)\nprint(len(s) > 200000)\nprint(s.starts_with(\"tensor([[[\"))\n", to: "rank.seg")
        let started = Date()
        let run = try segnb(["script", script])
        XCTAssertEqual(run.status, 0, String(run.stderr.prefix(300)))
        XCTAssertEqual(run.stdout, "true\ntrue\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
