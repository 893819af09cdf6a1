import XCTest
import SegScript
import SegBindings
@testable import SegNotebook
import SegTestSupport

/// Output collection costs linear time, and a cell's huge output is kept truncated with a note.
final class CellOutputCollectorTests: XCTestCase {
    func testTwoHundredThousandPrintsCollectInLinearTime() {
        let sink = CellOutputCollector(textLimit: 1 << 30)
        let start = Date()
        for index in 0..<200_000 { sink.emit(.text("line \(index)\n")) }
        // Copying all text on each print (the old behaviour) takes minutes here.
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
        guard case .text(let text)? = sink.outputs.first else { return XCTFail("no text") }
        XCTAssertEqual(sink.outputs.count, 1)
        XCTAssertTrue(text.hasPrefix("line 0\nline 1\n"))
        XCTAssertTrue(text.hasSuffix("line 199999\n"))
    }

    func testConsecutivePrintsMergeAndOtherOutputsSplitThem() {
        let sink = CellOutputCollector()
        sink.emit(.text("a\n"))
        sink.emit(.text("b\n"))
        sink.emit(.value("1"))
        sink.emit(.text("c\n"))
        sink.emit(.markdown("*m*"))
        XCTAssertEqual(sink.outputs, [.text("a\nb\n"), .value("1"), .text("c\n"), .markdown("*m*")])
    }

    func testOutputBeyondTheLimitIsDroppedWithANoteWhereItBegan() {
        let sink = CellOutputCollector(textLimit: 20)
        sink.emit(.text("0123456789\n"))     // 11 bytes kept
        sink.emit(.text("abcdefghij\nxyz\n")) // 9 kept, 6 dropped: "j\nxyz\n" is 2 lines
        sink.emit(.markdown("still here"))
        sink.emit(.text("more\n"))            // dropped: 1 line
        sink.emit(.value("[1, 2]"))           // dropped
        let outputs = sink.outputs
        XCTAssertEqual(outputs.count, 3, "\(outputs)")
        XCTAssertEqual(outputs[0], .text("0123456789\nabcdefghi"))
        guard case .text(let note) = outputs[1] else { return XCTFail("no note: \(outputs)") }
        XCTAssertTrue(note.contains("output truncated: 4 lines (17 bytes) not kept"), note)
        XCTAssertEqual(outputs[2], .markdown("still here"))
    }

    func testTruncationNeverSplitsACharacter() {
        XCTAssertEqual(CellOutputCollector.prefix("aé€😀", bytes: 2), "a")
        XCTAssertEqual(CellOutputCollector.prefix("aé€😀", bytes: 3), "aé")
        XCTAssertEqual(CellOutputCollector.prefix("aé€😀", bytes: 8), "aé€")
        XCTAssertEqual(CellOutputCollector.prefix("aé€😀", bytes: 100), "aé€😀")
        let sink = CellOutputCollector(textLimit: 4)
        sink.emit(.text("€€€"))
        XCTAssertEqual(sink.outputs.first, .text("€"))
    }

    func testARunawayPrintLoopInACellIsFastAndTruncatedInTheReport() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("# Prints\n%% code\nfor i in 0..<200000 { print(\"line \\(i) of the output\") }\n")
        let evaluator = ScriptCellEvaluator(interpreter: Interpreter(registry: Bindings.makeRegistry()))
        let start = Date()
        let result = try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator, options: RunOptions()).run()
        let html = ReportWriter.html(result)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        XCTAssertEqual(result.exitStatus, 0)
        let outputs = result.cells[1].outputs
        guard case .text(let kept)? = outputs.first, case .text(let note)? = outputs.last else { return XCTFail("\(outputs.count) outputs") }
        XCTAssertLessThanOrEqual(kept.utf8.count, CellOutputCollector.textLimit)
        XCTAssertTrue(kept.hasPrefix("line 0 of the output\n"))
        XCTAssertTrue(note.contains("output truncated"), note)
        XCTAssertTrue(html.contains("output truncated"))
        XCTAssertLessThan(html.utf8.count, 2 * CellOutputCollector.textLimit)
    }
}
