import Foundation
@testable import SegNotebook
import SegTestSupport

/// A tiny line language standing in for Seg, so the runner and cache can be tested without the interpreter.
///   x = 1            bind an Int (terms joined by +: literals, names, `rand`)
///   print x + 1      print a value
///   mutate x         add 1 to x in place (no static write: only the version snapshot sees it)
///   fn f             bind a function (cannot be stored)
///   fail message     run-time error on this line
///   sleep 5          busy-wait, polling the interrupt flag
///   read path        record a file read; binds `data` to the file's size
///   chart / image / table / md   emit rich outputs
///   syntax!          a syntax error (analysis fails)
final class FakeEvaluator: CellEvaluator {
    enum Value: Equatable { case int(Int), function(String), param(ParamValue) }
    var globals: [String: Value] = [:]
    var versions: [String: UInt64] = [:]
    var counter: UInt64 = 0
    var executed: [String] = []
    var seedsSeen: [String: UInt64] = [:]
    private let flagLock = NSLock()
    private var interrupted = false

    func analyze(_ source: String) throws -> CellAnalysis {
        var reads = Set<String>(), writes = Set<String>()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "syntax!" { throw CellFailure(message: "unexpected '!'", line: index + 1, column: 7, more: [CellFailure(message: "second error", line: index + 1, column: 1)]) }
            if let equals = text.firstIndex(of: "="), !text.hasPrefix("print") {
                let name = text[..<equals].trimmingCharacters(in: .whitespaces)
                for term in terms(String(text[text.index(after: equals)...])) where isName(term) && !writes.contains(term) { reads.insert(term) }
                writes.insert(name)
            } else if text.hasPrefix("print ") {
                for term in terms(String(text.dropFirst(6))) where isName(term) && !writes.contains(term) { reads.insert(term) }
            } else if text.hasPrefix("mutate ") {
                reads.insert(String(text.dropFirst(7)))
            } else if text.hasPrefix("fn ") {
                writes.insert(String(text.dropFirst(3)))
            } else if text.hasPrefix("read ") {
                writes.insert("data")
            }
        }
        return CellAnalysis(reads: reads, writes: writes)
    }

    func terms(_ text: String) -> [String] { text.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) } }
    func isName(_ term: String) -> Bool { Int(term) == nil && term != "rand" && !term.isEmpty }

    func bind(_ name: String, _ value: Value) {
        globals[name] = value
        counter += 1
        versions[name] = counter
    }

    func value(_ term: String, seed: UInt64, line: Int) throws -> Int {
        if let number = Int(term) { return number }
        if term == "rand" { return Int(seed % 1000) }
        switch globals[term] {
        case .int(let value)?: return value
        case .param(.int(let value))?: return value
        case .param?, .function?: return 0
        case nil: throw CellFailure(message: "unknown name '\(term)'", line: line, column: 1)
        }
    }

    func evaluate(_ source: String, context: CellContext, sink: CellOutputSink) throws {
        executed.append(source)
        seedsSeen[context.label] = context.seed
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            let lineNumber = index + 1
            if text.isEmpty || text.hasPrefix("#") { continue }
            if text.hasPrefix("print ") {
                let total = try terms(String(text.dropFirst(6))).reduce(0) { $0 + (try value($1, seed: context.seed, line: lineNumber)) }
                sink.emit(.text("\(total)\n"))
            } else if text.hasPrefix("mutate ") {
                let name = String(text.dropFirst(7))
                let current = try value(name, seed: context.seed, line: lineNumber)
                bind(name, .int(current + 1))
            } else if text.hasPrefix("fn ") {
                bind(String(text.dropFirst(3)), .function(String(text.dropFirst(3))))
            } else if text.hasPrefix("fail ") {
                throw CellFailure(message: String(text.dropFirst(5)), line: lineNumber, column: 1, stack: ["helper()"])
            } else if text.hasPrefix("sleep ") {
                let deadline = Date().addingTimeInterval(Double(text.dropFirst(6)) ?? 0)
                while Date() < deadline {
                    if isInterrupted { throw CellFailure(message: "interrupted", line: lineNumber, column: 1, isInterruption: true) }
                    Thread.sleep(forTimeInterval: 0.005)
                }
            } else if text.hasPrefix("read ") {
                let path = String(text.dropFirst(5))
                sink.recordFileRead(path)
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
                bind("data", .int(size))
            } else if text == "chart" {
                sink.emit(.chart(LineChart(title: "loss", xLabel: "step", yLabel: "loss", series: [ChartSeries(name: "train", y: [3, 2, 1.5, 1.2])])))
            } else if text == "image" {
                sink.emit(.images([OutputImage(png: TestPNG.onePixel, width: 1, height: 1, caption: "frame", legend: [LegendEntry(name: "road", red: 128, green: 64, blue: 128)])], title: "sample"))
            } else if text == "table" {
                sink.emit(.table(OutputTable(title: "IoU", columns: ["class", "IoU"], rows: [[.text("road"), .number(0.91, display: "0.910")], [.text("sign"), .missing]])))
            } else if text == "md" {
                sink.emit(.markdown("**bold** result"))
            } else if let equals = text.firstIndex(of: "=") {
                let name = text[..<equals].trimmingCharacters(in: .whitespaces)
                let total = try terms(String(text[text.index(after: equals)...])).reduce(0) { $0 + (try value($1, seed: context.seed, line: lineNumber)) }
                bind(name, .int(total))
                if index == source.split(separator: "\n").count - 1 { sink.emit(.value("\(total)")) }
            } else {
                throw CellFailure(message: "cannot read '\(text)'", line: lineNumber, column: 1)
            }
        }
    }

    func bindParameter(_ name: String, value: ParamValue) throws { bind(name, .param(value)) }

    func mutationVersions() -> [String: UInt64] { versions }

    func storeBinding(_ name: String) throws -> Data {
        switch globals[name] {
        case .int(let value)?: return Data("int:\(value)".utf8)
        case .param(let value)?: return Data("param:\(value)".utf8)
        case .function?: throw ValueNotStorable(name: name, reason: "a function")
        case nil: throw ValueNotStorable(name: name, reason: "unbound")
        }
    }

    func restoreBinding(_ name: String, from data: Data) throws {
        let text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("int:"), let value = Int(text.dropFirst(4)) { bind(name, .int(value)); return }
        if text.hasPrefix("param:"), let value = ParamValue.parseLiteral(String(text.dropFirst(6))) { bind(name, .param(value)); return }
        throw CellFailure(message: "bad stored value for \(name)")
    }

    var isInterrupted: Bool { flagLock.lock(); defer { flagLock.unlock() }; return interrupted }
    func interrupt() { flagLock.lock(); interrupted = true; flagLock.unlock() }
    func clearInterrupt() { flagLock.lock(); interrupted = false; flagLock.unlock() }
}

/// Small fixtures shared by the tests.
enum TestPNG {
    /// A valid 1x1 RGB PNG.
    static let onePixel = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC") ?? Data()
}

extension ScratchFolder {
    /// Writes a notebook and returns its path.
    func notebook(_ text: String, name: String = "nb.segnb") -> String {
        let path = file(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Runs a notebook file with a fresh fake evaluator.
    func run(_ path: String, overrides: [String] = [], useCache: Bool = true, configure: (inout RunOptions) -> Void = { _ in }) throws -> (RunResult, FakeEvaluator) {
        let evaluator = FakeEvaluator()
        var options = RunOptions()
        options.parameterOverrides = overrides
        options.useCache = useCache
        configure(&options)
        let result = try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: options).run()
        return (result, evaluator)
    }
}

extension CellStatus {
    /// The status without its timing, for assertions.
    var kindName: String {
        switch self {
        case .markdown: return "markdown"
        case .ran: return "ran"
        case .restored: return "restored"
        case .failed: return "failed"
        case .notRun: return "notrun"
        }
    }
}

extension RunResult {
    /// Status names of all cells.
    var statusNames: [String] { cells.map(\.status.kindName) }
}
