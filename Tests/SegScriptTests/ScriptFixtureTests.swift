import XCTest
import SegScript
import SegTestSupport

/// Runs every `.seg` file under Fixtures/scripts and checks its output and errors against the
/// expectations written in its comments (`GoldenScript` describes them).
final class ScriptFixtureTests: XCTestCase {
    static var scriptsDirectory: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("scripts") }

    func testEveryFixtureScript() throws {
        let dir = try XCTUnwrap(Self.scriptsDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "seg" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files {
            let problems = GoldenScript.mismatches(try String(contentsOf: file, encoding: .utf8), name: file.lastPathComponent)
            XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
        }
    }

    func testExpectationsStateLinesAndColumns() {
        let script = GoldenScript("""
            print(1)   # expect: 1
            let a = (  # expect syntax error: expected ')'
            x = 2      # expect error at 7:3: unknown name
            y          # expect syntax error at 4:1: unknown
            """)
        XCTAssertEqual(script.output, ["1"])
        XCTAssertEqual(script.syntaxErrors, [.init(line: 2, column: nil, message: "expected ')'"),
                                             .init(line: 4, column: 1, message: "unknown")])
        XCTAssertEqual(script.runtimeError, .init(line: 7, column: 3, message: "unknown name"))
        XCTAssertEqual(GoldenScript("1  # expect error at 3: x").malformed, ["line 1: # expect error at 3: x"])
    }

    func testAWrongLineColumnOrMessageIsReported() {
        let source = "let k = 1\nprint(\"a\")  # expect: a\nk = 2   # expect error at 3:1: cannot assign to 'k'\n"
        XCTAssertEqual(GoldenScript.mismatches(source, name: "right.seg"), [])
        let wrongColumn = source.replacingOccurrences(of: "3:1:", with: "3:4:")
        XCTAssertEqual(GoldenScript.mismatches(wrongColumn, name: "c.seg"),
                       ["c.seg: 'cannot assign to 'k': it is a constant (declared with let)' reported at column 1, expected 4"])
        let wrongLine = source.replacingOccurrences(of: "3:1:", with: "2:1:")
        XCTAssertEqual(GoldenScript.mismatches(wrongLine, name: "l.seg"),
                       ["l.seg: 'cannot assign to 'k': it is a constant (declared with let)' reported on line 3, expected 2"])
        let wrongMessage = source.replacingOccurrences(of: "cannot assign", with: "may not assign")
        XCTAssertEqual(GoldenScript.mismatches(wrongMessage, name: "m.seg").count, 1)
        let wrongOutput = source.replacingOccurrences(of: "print(\"a\")", with: "print(\"b\")")
        XCTAssertEqual(GoldenScript.mismatches(wrongOutput, name: "o.seg").count, 1)
        let syntax = "let a = (1 +   # expect syntax error at 2:1: expected an expression\n"
        XCTAssertEqual(GoldenScript.mismatches(syntax, name: "s.seg"), [])
        XCTAssertEqual(GoldenScript.mismatches(syntax.replacingOccurrences(of: "2:1:", with: "2:5:"), name: "s.seg").count, 1)
    }
}
