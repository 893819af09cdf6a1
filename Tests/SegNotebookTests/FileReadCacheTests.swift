import XCTest
import SegBindings
import SegScript
@testable import SegNotebook
import SegTestSupport

/// A cell that reads a file through a built-in re-runs when the file changes, and only then.
final class FileReadCacheTests: XCTestCase {
    /// Each reading built-in, with a script writing its file from a number and a cell reading it.
    let readers: [(name: String, write: String, read: String)] = [
        ("load", #"save({"a": tensor([VALUE, 2.0])}, "FILE")"#, #"let got = load("FILE")["a"]"#),
        ("image.read", #"image.write(tensor([[[VALUE / 10.0, 0.5]]]), "FILE")"#, #"let got = image.read("FILE")"#),
        ("image.read_labels", #"image.write(tensor([[[VALUE / 255.0, 0.0]]]), "FILE")"#, #"let got = image.read_labels("FILE")"#),
        ("nn.load", #"seed(VALUE)\nnn.conv2d(1, 1, 1, 1, 0).save("FILE")"#, #"let got = nn.load("FILE").parameters()[0]"#),
        ("Layer.load", #"seed(VALUE)\nnn.conv2d(1, 1, 1, 1, 0).save("FILE")"#, #"let got = nn.conv2d(1, 1, 1, 1, 0).load("FILE").parameters()[0]"#),
    ]

    private func evaluator() -> ScriptCellEvaluator {
        ScriptCellEvaluator(interpreter: Interpreter(registry: Bindings.makeRegistry(), sink: SegScript.CollectingSink()))
    }

    private func writeFile(_ script: String, value: Int, path: String) throws {
        let interpreter = Interpreter(registry: Bindings.makeRegistry(), sink: SegScript.CollectingSink())
        let text = script.replacingOccurrences(of: "VALUE", with: "\(value)").replacingOccurrences(of: "FILE", with: path)
            .replacingOccurrences(of: "\\n", with: "\n")
        _ = try interpreter.evaluate(text, name: "<setup>")
    }

    private func run(_ path: String) throws -> RunResult {
        try NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: evaluator()).run()
    }

    func testAChangedFileReRunsTheCellThatReadItAndExplainNamesIt() throws {
        for reader in readers {
            let scratch = try ScratchFolder()
            let file = scratch.url.appendingPathComponent("input.bin").path
            // The notebook reads the file by a relative path, and the runs happen from another folder.
            let notebook = scratch.notebook("%% code reader\n\(reader.read.replacingOccurrences(of: "FILE", with: "input.bin"))\nprint(got)\n"
                                            + "%% code after\nlet twice = got * 2\nprint(twice)\n")
            try writeFile(reader.write, value: 1, path: file)
            let first = try run(notebook)
            XCTAssertEqual(first.exitStatus, 0, "\(reader.name): \(first.cells.flatMap(\.outputs))")
            XCTAssertEqual(first.cells.map(\.status.kindName), ["ran", "ran"], reader.name)

            let unchanged = try run(notebook)
            XCTAssertEqual(unchanged.cells.map(\.status.kindName), ["restored", "restored"], reader.name)

            try writeFile(reader.write, value: 7, path: file)
            let explained = try CacheExplainer.explain(notebook: try NotebookReader.read(path: notebook), cell: "reader", evaluator: evaluator())
            XCTAssertFalse(explained.wouldRestore, reader.name)
            XCTAssertEqual(explained.reasons, ["file changed since the cell read it: \(URL(fileURLWithPath: file).standardizedFileURL.path)"], reader.name)

            let changed = try run(notebook)
            XCTAssertEqual(changed.cells.map(\.status.kindName), ["ran", "ran"], "\(reader.name): the reader and its dependent re-run")
            XCTAssertNotEqual(changed.cells[0].outputs, first.cells[0].outputs, "\(reader.name): the new content was read")
            XCTAssertNotEqual(changed.cells[1].outputs, first.cells[1].outputs, reader.name)
            XCTAssertEqual(try run(notebook).cells.map(\.status.kindName), ["restored", "restored"], reader.name)
        }
    }

    func testASameSizeRewriteIsSeenAndAMissingFileReRuns() throws {
        let scratch = try ScratchFolder()
        let file = scratch.url.appendingPathComponent("w.safetensors").path
        let notebook = scratch.notebook("%% code reader\nlet got = load(\"\(file)\")[\"a\"]\nprint(got)\n")
        try writeFile(readers[0].write, value: 1, path: file)
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber
        let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        XCTAssertEqual(try run(notebook).cells[0].status.kindName, "ran")
        // Same size, same modification time: only the content tells.
        try writeFile(readers[0].write, value: 3, path: file)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber, size)
        try FileManager.default.setAttributes([.modificationDate: try XCTUnwrap(modified)], ofItemAtPath: file)
        let rerun = try run(notebook)
        XCTAssertEqual(rerun.cells[0].status.kindName, "ran")
        XCTAssertTrue("\(rerun.cells[0].outputs)".contains("3"), "\(rerun.cells[0].outputs)")
        try FileManager.default.removeItem(atPath: file)
        let missing = try run(notebook)
        XCTAssertEqual(missing.cells[0].status.kindName, "failed", "the cell runs again and finds no file")
    }
}
