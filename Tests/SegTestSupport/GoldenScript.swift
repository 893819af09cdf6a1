import Foundation
import SegScript

/// A `.seg` script that states what running it must give, in comments:
///
/// - `# expect: TEXT`: the next line of output;
/// - `# expect error: MESSAGE`: a run-time error raised on this line whose message contains MESSAGE;
/// - `# expect syntax error: MESSAGE`: one of the syntax errors, on this line, in order;
/// - either error form with `at LINE:COLUMN` before the colon (`# expect error at 4:9: MESSAGE`)
///   states the place exactly, and then the column is checked too.
public struct GoldenScript {
    /// Where an error is expected and what its message contains.
    public struct ExpectedError: Equatable {
        /// 1-based line.
        public var line: Int
        /// 1-based column, or nil when the script does not state it.
        public var column: Int?
        /// A fragment of the message.
        public var message: String

        /// An expectation.
        public init(line: Int, column: Int?, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The output lines, in order.
    public private(set) var output: [String] = []
    /// The run-time error, if one is expected.
    public private(set) var runtimeError: ExpectedError?
    /// The syntax errors, in order.
    public private(set) var syntaxErrors: [ExpectedError] = []
    /// Comments that look like expectations but cannot be read.
    public private(set) var malformed: [String] = []

    /// Reads the expectations of `text`.
    public init(_ text: String) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") { output.append(String(line[r.upperBound...])); continue }
            for (marker, syntax) in [("# expect error", false), ("# expect syntax error", true)] {
                guard let r = line.range(of: marker) else { continue }
                guard let expected = Self.error(line[r.upperBound...], onLine: index + 1) else {
                    malformed.append("line \(index + 1): \(line[r.lowerBound...])")
                    continue
                }
                if syntax { syntaxErrors.append(expected) } else { runtimeError = expected }
            }
        }
    }

    /// `: MESSAGE` or ` at LINE:COLUMN: MESSAGE`.
    private static func error(_ rest: Substring, onLine line: Int) -> ExpectedError? {
        if rest.hasPrefix(": ") { return ExpectedError(line: line, column: nil, message: String(rest.dropFirst(2))) }
        guard rest.hasPrefix(" at "), let end = rest.range(of: ": ") else { return nil }
        let place = rest[rest.index(rest.startIndex, offsetBy: 4)..<end.lowerBound].split(separator: ":")
        guard place.count == 2, let statedLine = Int(place[0]), let column = Int(place[1]), statedLine > 0, column > 0 else { return nil }
        return ExpectedError(line: statedLine, column: column, message: String(rest[end.upperBound...]))
    }

    /// Runs `text` as `name` with `interpreter` (the bare language by default) and lists every
    /// way the result differs from the script's expectations; empty when it matches.
    public static func mismatches(_ text: String, name: String,
                                  interpreter: (OutputSink) -> Interpreter = { Interpreter(sink: $0) }) -> [String] {
        let expected = GoldenScript(text)
        var problems = expected.malformed.map { "\(name): unreadable expectation \($0)" }
        let sink = CollectingSink()
        var failure: ScriptError?
        do {
            try interpreter(sink).runScript(SourceFile(name: name, text: text))
        } catch let error as ScriptError {
            failure = error
        } catch {
            problems.append("\(name): not a script error: \(error)")
        }
        let lines = sink.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let produced = lines.last == "" ? Array(lines.dropLast()) : lines
        if produced != expected.output {
            problems.append("\(name): output differs\n  expected: \(expected.output)\n  produced: \(produced)")
        }
        if !expected.syntaxErrors.isEmpty {
            guard let failure, failure.kind == .syntax else {
                return problems + ["\(name): expected syntax errors, got \(failure.map { "\($0)" } ?? "none")"]
            }
            if failure.diagnostics.count != expected.syntaxErrors.count {
                problems.append("\(name): \(expected.syntaxErrors.count) syntax errors expected, \(failure.diagnostics.count) reported:\n\(failure)")
            }
            for (diagnostic, error) in zip(failure.diagnostics, expected.syntaxErrors) {
                problems += compare(error, line: diagnostic.range?.line, column: diagnostic.range?.column,
                                    message: diagnostic.message, name: name)
            }
        } else if let error = expected.runtimeError {
            guard let failure else { return problems + ["\(name): expected the error '\(error.message)', got none"] }
            if failure.kind != .runtime { problems.append("\(name): expected a run-time error, got \(failure)") }
            problems += compare(error, line: failure.range?.line, column: failure.range?.column, message: failure.message, name: name)
        } else if let failure {
            problems.append("\(name): unexpected error\n\(failure)")
        }
        return problems
    }

    private static func compare(_ expected: ExpectedError, line: Int?, column: Int?, message: String, name: String) -> [String] {
        var problems: [String] = []
        if line != expected.line {
            problems.append("\(name): '\(message)' reported on line \(line.map(String.init) ?? "none"), expected \(expected.line)")
        }
        if let want = expected.column, column != want {
            problems.append("\(name): '\(message)' reported at column \(column.map(String.init) ?? "none"), expected \(want)")
        }
        if !message.contains(expected.message) {
            problems.append("\(name): '\(message)' does not contain '\(expected.message)'")
        }
        return problems
    }
}
