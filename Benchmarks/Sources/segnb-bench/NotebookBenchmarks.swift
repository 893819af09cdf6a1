import Foundation
import SegNotebook
import SegVision

/// `segnb-bench notebook`: a fully cached CamVid-sized notebook must re-run in <= 2 s and <= 2% of its
/// cold run; a report with 20 images must stay under 5 MB.
func runNotebookBenchmarks(_ arguments: [String]) {
    guard arguments.isEmpty || arguments.contains("notebook") else { return }
    do {
        try notebookBenchmarks()
    } catch {
        print("notebook: benchmark failed: \(error)")
    }
    CachedNotebookBenchmark.run()
}

private let benchNotebook = """
%% md
# CamVid UNet (benchmark stand-in)
%% params
let epochs = 20
let data = "camvid"
%% code load
load
%% code model
model
%% md
## Training
%% code train
train
%% code evaluate
evaluate
%% code samples echo=false
samples
"""

/// Validation frames of the real CamVid (or the embedded mini set) at 192x256, as PNG outputs.
private func benchFrames(count: Int) throws -> (images: [OutputImage], files: [String]) {
    let here = URL(fileURLWithPath: #filePath)
    let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [repo.appendingPathComponent("../shared/camvid/val").standardizedFileURL, URL(fileURLWithPath: "/work/shared/camvid/val"),
                      repo.appendingPathComponent("Notebooks/data/camvid-mini/val")]
    guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
        throw NotebookBenchError("no CamVid frames found for the notebook benchmark")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
    var images: [OutputImage] = []
    var files: [String] = []
    for name in names.prefix(count) {
        let path = folder.appendingPathComponent(name).path
        let frame = try ImageOps.resize(try PNGCodec.readImage(path), height: 192, width: 256)
        images.append(OutputImage(png: Data(try PNGCodec.encode(frame)), width: 256, height: 192, caption: name))
        files.append(path)
    }
    return (images, files)
}

private func notebookBenchmarks() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segnb-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let path = scratch.appendingPathComponent("camvid-bench.segnb").path
    try Data(benchNotebook.utf8).write(to: URL(fileURLWithPath: path))
    let notebook = try NotebookReader.read(path: path)
    let (frames, files) = try benchFrames(count: 20)
    let dozen = Array(frames.prefix(12))

    func run() throws -> (RunResult, Double) {
        let evaluator = NotebookBenchEvaluator(frames: dozen, dataFiles: files)
        let start = ContinuousClock.now
        let result = try NotebookRunner(notebook: notebook, evaluator: evaluator).run()
        _ = ReportWriter.html(result)
        let elapsed = ContinuousClock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    let (cold, coldSeconds) = try run()
    guard cold.restoredCount == 0, cold.exitStatus == 0 else { throw NotebookBenchError("cold run did not execute every cell") }
    var warm: [Double] = []
    for _ in 0..<5 {
        let (result, seconds) = try run()
        guard result.restoredCount == 5, result.executedCount == 0 else { throw NotebookBenchError("cached run re-executed cells: \(result.cells.map { "\($0.cell.label) \($0.status) \($0.cacheNote ?? "")" })") }
        warm.append(seconds)
    }
    let median = warm.sorted()[warm.count / 2]
    // Where a cached re-run spends its time: verifying and decoding entries, or rendering the report.
    let store = CacheStore(directory: CacheStore.defaultDirectory(forNotebook: path))
    let keys = cold.cells.compactMap(\.key)
    let loadStart = ContinuousClock.now
    for key in keys { _ = store.load(key: key) }
    let loadTime = ContinuousClock.now - loadStart
    let reportStart = ContinuousClock.now
    _ = ReportWriter.html(cold)
    let reportTime = ContinuousClock.now - reportStart
    print("notebook: of which loading and verifying \(keys.count) entries \(loadTime), rendering the report \(reportTime)")
    let cacheBytes = CacheStore(directory: CacheStore.defaultDirectory(forNotebook: path)).status().totalBytes
    print(String(format: "notebook: fully cached re-run (cache %@, run + report): median %.3f s over 5 (target <= 2 s); cold run %.2f s; ratio %.2f%% (target <= 2%%)",
                 CacheStore.formatSize(cacheBytes), median, coldSeconds, median / coldSeconds * 100))

    // A report with 20 CamVid frames.
    var result = cold
    if let index = result.cells.firstIndex(where: { $0.cell.name == "samples" }) {
        result.cells[index].outputs = [.images(frames, title: "20 frames")]
    }
    let bytes = ReportWriter.html(result).utf8.count
    print(String(format: "notebook: report with %d images of 192x256: %.2f MB (target < 5 MB)", frames.count, Double(bytes) / 1_048_576))
}

/// A benchmark precondition that did not hold.
private struct NotebookBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
