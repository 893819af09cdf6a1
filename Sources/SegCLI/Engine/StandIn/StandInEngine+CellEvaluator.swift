import Foundation
import SegNotebook

/// The stand-in as the notebook runner's evaluator, so REPL stepping goes through the real runner
/// and cache in the terminal tests.
extension StandInEngine: CellEvaluator {
    func analyze(_ source: String) throws -> CellAnalysis {
        // The stand-in's only syntax error: `@@` anywhere on a line, reported for every line.
        let bad = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            line.range(of: "@@").map { range in
                CellFailure(message: "unexpected '@@'", line: index + 1,
                            column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        if var first = bad.first {
            first.more = Array(bad.dropFirst())
            throw first
        }
        var writes = Set<String>()
        var reads = Set<String>()
        for raw in source.split(separator: "\n") {
            var line = raw.trimming(" \t")
            for keyword in ["let ", "var "] where line.hasPrefix(keyword) { line = String(line.dropFirst(keyword.count)) }
            if let equals = line.firstIndex(of: "=") {
                writes.insert(line[..<equals].trimming(" "))
                line = String(line[line.index(after: equals)...])
            }
            for word in line.split(whereSeparator: { !isIdentifierCharacter($0) }) where word.first?.isLetter == true {
                reads.insert(String(word))
            }
        }
        return CellAnalysis(reads: reads.subtracting(writes), writes: writes)
    }

    func evaluate(_ source: String, context: CellContext, sink: CellOutputSink) throws {
        try run(source) { item in
            switch item {
            case .text(let text): sink.emit(.text(text))
            case .value(let text): sink.emit(.value(text))
            case .markdown(let text): sink.emit(.markdown(text))
            case .image(let image):
                let png = (try? image.encodePNG?()) ?? []
                sink.emit(.images([OutputImage(png: Data(png), width: image.width, height: image.height, caption: image.title,
                                               legend: image.legend.map { .init(name: $0.name, red: $0.red, green: $0.green, blue: $0.blue) })],
                                  title: image.title))
            default: break
            }
        }
    }

    func bindParameter(_ name: String, value: ParamValue) throws {
        switch value {
        case .int(let n): bindings[name] = .int(n)
        case .string(let s): bindings[name] = .string(s)
        default: bindings[name] = .string(value.description)
        }
        versions[name, default: 0] += 1
    }

    func mutationVersions() -> [String: UInt64] { versions }

    func storeBinding(_ name: String) throws -> Data {
        guard let value = bindings[name], value != .dataset else {
            throw ValueNotStorable(name: name, reason: "the stand-in stores numbers and strings only")
        }
        if case .function = value { throw ValueNotStorable(name: name, reason: "functions are re-run") }
        return try JSONEncoder().encode(value)
    }

    func restoreBinding(_ name: String, from data: Data) throws {
        bindings[name] = try JSONDecoder().decode(StandInValue.self, from: data)
        versions[name, default: 0] += 1
    }

    func interrupt() { interrupted.store(true, ordering: .relaxed) }

    func clearInterrupt() {
        interrupted.store(false, ordering: .relaxed)
    }
}
