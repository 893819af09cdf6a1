import XCTest
@testable import SegNotebook
import SegTestSupport

/// The cache folder's marker, and which folders and files the cache may touch.
final class CacheFolderTests: XCTestCase {
    private func entry(_ key: String) -> CacheEntry {
        CacheEntry(key: key, cellLabel: "cell 1", runSeconds: 0, writes: [], files: [], keyParts: [], outputs: [.text("x\n")], bindings: [])
    }

    func testANewFolderGetsTheMarkerAndClearKeepsForeignFiles() throws {
        let scratch = try ScratchFolder()
        let store = CacheStore(directory: scratch.url.appendingPathComponent("cache"))
        try store.save(entry(String(repeating: "a", count: 64)))
        let marker = try String(contentsOf: store.directory.appendingPathComponent("CACHEDIR.TAG"), encoding: .utf8)
        XCTAssertTrue(marker.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55\n"))
        // Names that look almost like segnb's are not its files.
        let foreign = ["notes.txt", "\(String(repeating: "a", count: 63)).entry", "manifest-x.json"]
        for name in foreign { _ = FileManager.default.createFile(atPath: store.directory.appendingPathComponent(name).path, contents: Data()) }
        XCTAssertNoThrow(try store.checkManageable(), "a marked folder is a cache even with other files in it")
        XCTAssertEqual(store.clear(), 1)
        store.removeStaleTemporaries(olderThan: -1)
        let left = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).sorted()
        XCTAssertEqual(left, (foreign + ["CACHEDIR.TAG"]).sorted())
    }

    func testAFolderOfOtherFilesIsRefusedForWritingAndManaging() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.url.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("thesis.tex").path, contents: Data("t".utf8))
        let store = CacheStore(directory: folder)
        XCTAssertThrowsError(try store.checkManageable()) { error in
            let refusal = error as? CacheFolderRefusal
            XCTAssertEqual(refusal?.isForeignFolder, true)
            XCTAssertTrue(refusal?.description.contains("'thesis.tex'") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try store.save(entry(String(repeating: "b", count: 64))))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["thesis.tex"])
        // Outside a cache folder, a `tmp-` file is not a leftover of segnb's.
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("tmp-draft").path, contents: Data())
        store.removeStaleTemporaries(olderThan: -1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["thesis.tex", "tmp-draft"])

        let file = CacheStore(directory: folder.appendingPathComponent("thesis.tex"))
        XCTAssertThrowsError(try file.checkManageable()) { XCTAssertTrue("\($0)".contains("is a file")) }
        XCTAssertNoThrow(try CacheStore(directory: folder.appendingPathComponent("none")).checkManageable())
    }

    func testAnUnmarkedFolderOfEntriesIsAdopted() throws {
        let scratch = try ScratchFolder()
        let store = CacheStore(directory: scratch.url.appendingPathComponent("old"))
        try store.save(entry(String(repeating: "c", count: 64)))
        try FileManager.default.removeItem(at: store.directory.appendingPathComponent("CACHEDIR.TAG"))
        _ = FileManager.default.createFile(atPath: store.directory.appendingPathComponent("data-files.index").path, contents: Data())
        XCTAssertNoThrow(try store.checkManageable())
        try store.save(entry(String(repeating: "d", count: 64)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.directory.appendingPathComponent("CACHEDIR.TAG").path))
        XCTAssertEqual(store.status().entryCount, 2)
    }

    func testARunRefusesAForeignCacheDirBeforeAnythingRuns() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code\nx = 1\n")
        let folder = scratch.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("a.md").path, contents: Data())
        XCTAssertThrowsError(try scratch.run(path) { $0.cacheDirectory = folder }) { XCTAssertTrue($0 is CacheFolderRefusal) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["a.md"])
        // Without the cache, the folder is not used at all.
        XCTAssertNoThrow(try scratch.run(path, useCache: false) { $0.cacheDirectory = folder })
    }
}

/// User time limits become deadlines without trapping.
final class TimeLimitTests: XCTestCase {
    func testHugeAndOddLimits() {
        let start = ContinuousClock.now
        XCTAssertNil(TimeLimit.deadline(after: nil, from: start))
        for seconds in [1e16, 1e300, .infinity, .nan, TimeLimit.longestSeconds * 2] {
            XCTAssertNil(TimeLimit.deadline(after: seconds, from: start), "\(seconds) is no limit")
        }
        XCTAssertEqual(TimeLimit.deadline(after: 1.5, from: start), start + .milliseconds(1500))
        XCTAssertEqual(TimeLimit.deadline(after: -3, from: start), start, "a negative limit has already passed")
        XCTAssertEqual(TimeLimit.deadline(after: TimeLimit.longestSeconds, from: start), start + .seconds(Int64(TimeLimit.longestSeconds)))
    }

    func testACellWithAHugeTimeoutRuns() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a timeout=1e16\nx = 1\n%% code b timeout=1e300\ny = 2\n")
        let (result, evaluator) = try scratch.run(path) { $0.runTimeout = 1e300 }
        XCTAssertEqual(evaluator.executed, ["x = 1", "y = 2"])
        XCTAssertEqual(result.exitStatus, 0)
    }
}

/// `depends=` files that are not regular files never block the key.
final class DependsSpecialFileTests: XCTestCase {
    func testAFifoDependencyDoesNotHang() throws {
        let scratch = try ScratchFolder()
        let fifo = scratch.url.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let path = scratch.notebook("%% code a depends=pipe\nx = 1\n")
        let (result, _) = try scratch.run(path)
        XCTAssertEqual(result.exitStatus, 0)
        XCTAssertTrue(result.cells[0].status.kindName == "ran")
        let (again, _) = try scratch.run(path)
        XCTAssertEqual(again.cells[0].status.kindName, "restored")
    }
}

/// A user's stop (Ctrl-C) is never lost, even when it arrives between two cells.
final class RunnerStopTests: XCTestCase {
    func testAStopBeforeACellStartsInterruptsThatCellAndTheRunEnds() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a\nsleep 30\n%% code b\nx = 1\n")
        let runner = NotebookRunner(notebook: try NotebookReader.read(path: path), evaluator: FakeEvaluator(),
                                    options: { var options = RunOptions(); options.useCache = false; return options }())
        runner.stop()
        let started = Date()
        let result = try runner.run()
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(result.statusNames, ["failed", "notrun"])
        XCTAssertEqual(result.exitStatus, 1)
    }
}
