import XCTest
@testable import SegNotebook
import SegTestSupport

/// The cache through the runner: what re-runs after an edit, mutation, restoring, unstorable values.
final class CacheInvalidationTests: XCTestCase {
    let base = """
    %% md
    # Title
    %% params
    let n = 3
    %% code a
    x = 1
    %% code b
    y = x + 1
    print y
    %% code c
    z = n + 10
    %% code d
    w = y + 5
    table
    chart
    image
    """

    func testSecondRunRestoresEverythingWithIdenticalOutputsAndBindings() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(base)
        let (fresh, freshEnv) = try scratch.run(path)
        XCTAssertEqual(freshEnv.executed.count, 4)
        let (cached, cachedEnv) = try scratch.run(path)
        XCTAssertTrue(cachedEnv.executed.isEmpty)
        XCTAssertEqual(cached.statusNames, ["markdown", "ran", "restored", "restored", "restored", "restored"])
        XCTAssertEqual(cached.cells.map(\.outputs), fresh.cells.map(\.outputs))
        XCTAssertEqual(cachedEnv.globals, freshEnv.globals)
        XCTAssertEqual(cached.restoredCount, 4)
        XCTAssertEqual(cached.exitStatus, 0)
    }

    func testEditingOneCellRerunsExactlyItAndItsDependents() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(base)
        _ = try scratch.run(path)
        _ = scratch.notebook(base.replacingOccurrences(of: "x = 1", with: "x = 2"))
        let (result, env) = try scratch.run(path)
        XCTAssertEqual(env.executed, ["x = 2", "y = x + 1\nprint y", "w = y + 5\ntable\nchart\nimage"])
        XCTAssertEqual(result.statusNames, ["markdown", "ran", "ran", "ran", "restored", "ran"])
        XCTAssertEqual(result.cells[3].outputs.first, .text("3\n"))
        // Editing a leaf re-runs only the leaf.
        _ = scratch.notebook(base.replacingOccurrences(of: "x = 1", with: "x = 2").replacingOccurrences(of: "w = y + 5", with: "w = y + 6"))
        let (_, leafEnv) = try scratch.run(path)
        XCTAssertEqual(leafEnv.executed, ["w = y + 6\ntable\nchart\nimage"])
    }

    func testEditingMarkdownRerunsNothing() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(base)
        _ = try scratch.run(path)
        _ = scratch.notebook(base.replacingOccurrences(of: "# Title", with: "# Another title\n\nMore prose."))
        let (_, env) = try scratch.run(path)
        XCTAssertTrue(env.executed.isEmpty)
    }

    func testChangingAParamRerunsOnlyItsReaders() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook(base)
        _ = try scratch.run(path)
        let (result, env) = try scratch.run(path, overrides: ["n=5"])
        XCTAssertEqual(env.executed, ["z = n + 10"])
        XCTAssertEqual(env.globals["z"], .int(15))
        XCTAssertEqual(result.statusNames, ["markdown", "ran", "restored", "restored", "ran", "restored"])
    }

    func testMutationCountsAsAWrite() throws {
        let scratch = try ScratchFolder()
        let text = "%% code make\nm = 1\n%% code train\nmutate m\n%% code use\nprint m\n"
        let path = scratch.notebook(text)
        let (fresh, _) = try scratch.run(path)
        XCTAssertEqual(fresh.cells[2].outputs, [.text("2\n")])
        let (cached, env) = try scratch.run(path)
        XCTAssertTrue(env.executed.isEmpty)
        XCTAssertEqual(env.globals["m"], .int(2), "the restored binding is the mutated value")
        XCTAssertEqual(cached.cells[2].outputs, [.text("2\n")])
        // Editing the mutating cell re-runs the reader of the mutated value, since `train` produced it.
        _ = scratch.notebook(text.replacingOccurrences(of: "mutate m", with: "mutate m\nmutate m"))
        let (edited, editedEnv) = try scratch.run(path)
        XCTAssertEqual(editedEnv.executed, ["mutate m\nmutate m", "print m"])
        XCTAssertEqual(edited.cells[2].outputs, [.text("3\n")])
    }

    func testUnstorableValueRerunsEveryTimeAndSaysSo() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code defs\nfn f\nk = 1\n%% code use\nprint k\n")
        let (first, _) = try scratch.run(path)
        XCTAssertTrue(first.cells[0].cacheNote?.contains("`f` cannot be stored (a function)") ?? false, first.cells[0].cacheNote ?? "")
        let (second, env) = try scratch.run(path)
        XCTAssertEqual(env.executed, ["fn f\nk = 1"])
        XCTAssertEqual(second.statusNames, ["ran", "restored"])
        XCTAssertTrue(ReportWriter.html(second).contains("cannot be stored"))
    }

    func testNoCacheAndCacheFalse() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a cache=false\nx = 1\n%% code b\ny = x + 1\n")
        _ = try scratch.run(path)
        let (result, env) = try scratch.run(path)
        XCTAssertEqual(env.executed, ["x = 1"])
        XCTAssertEqual(result.statusNames, ["ran", "restored"])
        let (_, uncached) = try scratch.run(path, useCache: false)
        XCTAssertEqual(uncached.executed.count, 2)
    }

    func testDependsFileAndDataFileFingerprints() throws {
        let scratch = try ScratchFolder()
        let dataPath = scratch.url.appendingPathComponent("frames.bin").path
        _ = FileManager.default.createFile(atPath: dataPath, contents: Data([1, 2, 3]))
        _ = FileManager.default.createFile(atPath: scratch.url.appendingPathComponent("cfg.txt").path, contents: Data("a".utf8))
        let path = scratch.notebook("%% code cfg depends=cfg.txt\nq = 1\n%% code load\nread \(dataPath)\n%% code use\nprint data\n")
        _ = try scratch.run(path)
        let (_, quiet) = try scratch.run(path)
        XCTAssertTrue(quiet.executed.isEmpty)
        _ = FileManager.default.createFile(atPath: scratch.url.appendingPathComponent("cfg.txt").path, contents: Data("b".utf8))
        let (_, afterDepends) = try scratch.run(path)
        XCTAssertEqual(afterDepends.executed, ["q = 1"])
        _ = FileManager.default.createFile(atPath: dataPath, contents: Data([1, 2, 3, 4, 5]))
        let (result, afterData) = try scratch.run(path)
        XCTAssertEqual(afterData.executed, ["read \(dataPath)", "print data"])
        XCTAssertEqual(result.cells[2].outputs, [.text("5\n")])
    }

    func testCacheDirOption() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code\nx = 1\n")
        let elsewhere = scratch.url.appendingPathComponent("elsewhere")
        _ = try scratch.run(path) { $0.cacheDirectory = elsewhere }
        XCTAssertEqual(CacheStore(directory: elsewhere).status().entryCount, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".segnb-cache").path))
    }
}
