import XCTest
import SegScript
import SegTensor
@testable import SegNotebook
import SegRandom

/// Random and mutated input never crashes the reader, the params parser, the entry decoder or the report.
final class RobustnessTests: XCTestCase {
    var generator = SplitMix64(seed: 42)

    func mutate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let pieces: [Unicode.Scalar] = ["%", "=", " ", "\n", "\"", "[", "]", ",", "#", "\\", "<", "&", "\r", "\u{0}", "é", "1", "-", "."]
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let index = Int.random(in: 0...scalars.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: scalars.insert(pieces.randomElement(using: &generator) ?? " ", at: index)
            case 1: if index < scalars.count { scalars.remove(at: index) }
            default: if index < scalars.count { scalars[index] = pieces.randomElement(using: &generator) ?? " " }
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    func testMutatedNotebooksParseOrFailCleanly() {
        let seed = "# T\n%% params\nlet a = [1, \"x\"]\n%% code one cache=false timeout=2 depends=f.txt\nx = 1\n%% md\n<b>hi</b>\n"
        for _ in 0..<3000 {
            let text = mutate(seed)
            guard let notebook = try? NotebookReader.parse(text) else { continue }
            _ = try? notebook.parameters()
            _ = notebook.title
            _ = try? notebook.resolveParameters(overrides: [mutate("a=[1, 2]")])
            let cells = notebook.cells.map { CellResult(cell: $0, status: .notRun, outputs: [.text(text)], cacheNote: nil, key: nil) }
            let html = ReportWriter.html(RunResult(notebook: notebook, parameters: [], seed: "0", startedAt: Date(), totalSeconds: 0,
                                                   cells: cells, warnings: [], version: "t", timedOut: false))
            XCTAssertFalse(html.lowercased().contains("<script"))
        }
    }

    func testRandomBytesNeverDecodeAsOutputsOrEntries() {
        var writer = ByteWriter<Data>()
        OutputCoding.write([.text("a"), .table(OutputTable(columns: ["c"], rows: [[.number(1, display: "1")]]))], to: &writer)
        let valid = writer.bytes
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes = bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)) }
            var reader = ByteReader(bytes, what: "outputs")
            _ = try? OutputCoding.read(from: &reader)
            _ = try? CacheEntryCoding.decode(bytes)
        }
    }
}
