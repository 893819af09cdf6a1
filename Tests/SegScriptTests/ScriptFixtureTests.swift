import XCTest
@testable import SegScript

/// Runs every `.seg` file under Fixtures/scripts and checks its output against the inline
/// `# expect: LINE` comments, and its failure against `# expect error: MESSAGE` (a run-time
/// error raised on that line) or `# expect syntax error: MESSAGE` (one per expected syntax error).
final class ScriptFixtureTests: XCTestCase {
    struct Expectations {
        var output: [String] = []
        var runtimeError: (line: Int, message: String)?
        var syntaxErrors: [(line: Int, message: String)] = []
    }

    static func expectations(_ text: String) -> Expectations {
        var e = Expectations()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") { e.output.append(String(line[r.upperBound...])) }
            if let r = line.range(of: "# expect error: ") { e.runtimeError = (i + 1, String(line[r.upperBound...])) }
            if let r = line.range(of: "# expect syntax error: ") { e.syntaxErrors.append((i + 1, String(line[r.upperBound...]))) }
        }
        return e
    }

    static var scriptsDirectory: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("scripts") }

    func testEveryFixtureScript() throws {
        let dir = try XCTUnwrap(Self.scriptsDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "seg" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files { try check(file) }
    }

    func check(_ file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let name = file.lastPathComponent
        let expected = Self.expectations(text)
        let sink = CollectingSink()
        let interp = Interpreter(sink: sink)
        var failure: ScriptError?
        do { try interp.runScript(SourceFile(name: name, text: text)) } catch let e as ScriptError { failure = e }
        let lines = sink.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let produced = lines.last == "" ? Array(lines.dropLast()) : lines
        XCTAssertEqual(produced, expected.output, "\(name): output differs")
        if !expected.syntaxErrors.isEmpty {
            guard let f = failure, f.kind == .syntax else { return XCTFail("\(name): expected syntax errors, got \(String(describing: failure))") }
            XCTAssertEqual(f.diagnostics.count, expected.syntaxErrors.count, "\(name): \(f)")
            for (d, e) in zip(f.diagnostics, expected.syntaxErrors) {
                XCTAssertEqual(d.range?.line, e.line, "\(name): \(d)")
                XCTAssertTrue(d.message.contains(e.message), "\(name): '\(d.message)' does not contain '\(e.message)'")
            }
        } else if let e = expected.runtimeError {
            guard let f = failure else { return XCTFail("\(name): expected error '\(e.message)', got none") }
            XCTAssertEqual(f.kind, .runtime, "\(name)")
            XCTAssertEqual(f.range?.line, e.line, "\(name): \(f)")
            XCTAssertTrue(f.message.contains(e.message), "\(name): '\(f.message)' does not contain '\(e.message)'")
        } else if let f = failure {
            XCTFail("\(name): unexpected error\n\(f)")
        }
    }
}
