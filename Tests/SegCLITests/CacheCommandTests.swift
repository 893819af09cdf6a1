import Foundation
import XCTest
import SegTestSupport

/// `segnb cache status|clear|prune` touch only cache entries in a cache folder, never a user's files.
final class CacheCommandTests: ScratchHomeTestCase {
    /// A folder of a user's files, one of them in a subfolder; returns the files' paths.
    private func userFolder(_ folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("src"), withIntermediateDirectories: true)
        let files = [folder.appendingPathComponent("thesis.tex"), folder.appendingPathComponent("src/main.swift")]
        for file in files { try "precious\n".write(to: file, atomically: true, encoding: .utf8) }
        return files.map(\.path)
    }

    func testAFolderOfUserFilesIsRefusedAndKeptWhole() throws {
        let folder = try XCTUnwrap(scratch).work.appendingPathComponent("project")
        let files = try userFolder(folder)
        for command in [["clear"], ["prune", "--max-size", "0"], ["status"]] {
            let run = try segnb(["cache"] + command + ["--cache-dir", folder.path])
            XCTAssertEqual(run.status, 2, "\(command): \(run.stdout)")
            XCTAssertTrue(run.stderr.contains(folder.path) && run.stderr.contains("not a segnb cache folder"), run.stderr)
            XCTAssertTrue(run.stderr.contains("nothing was changed"), run.stderr)
        }
        for file in files { XCTAssertTrue(FileManager.default.fileExists(atPath: file), "\(file) was deleted") }
    }

    func testTheCurrentFolderIsRefused() throws {
        let work = try XCTUnwrap(scratch).work
        let files = try userFolder(work)
        let run = try segnb(["cache", "clear", "--cache-dir", "."])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("thesis.tex"), run.stderr)
        for file in files { XCTAssertTrue(FileManager.default.fileExists(atPath: file)) }
    }

    func testAFileIsRefusedAndAMissingFolderIsAnEmptyCache() throws {
        let file = try XCTUnwrap(scratch).work.appendingPathComponent("notes.txt")
        try "keep\n".write(to: file, atomically: true, encoding: .utf8)
        let onFile = try segnb(["cache", "clear", "--cache-dir", file.path])
        XCTAssertEqual(onFile.status, 2)
        XCTAssertTrue(onFile.stderr.contains("\(file.path) is a file"), onFile.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "keep\n")

        let missing = try XCTUnwrap(scratch).work.appendingPathComponent("no/such/cache")
        let clear = try segnb(["cache", "clear", "--cache-dir", missing.path])
        XCTAssertEqual(clear.status, 0, clear.stderr)
        XCTAssertTrue(clear.stdout.hasPrefix("removed 0 entries"), clear.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path), "clearing creates nothing")
    }

    func testARealCacheIsMarkedAndClearedEntirely() throws {
        let work = try XCTUnwrap(scratch).work
        let notebook = work.appendingPathComponent("nb.segnb")
        try "%% code a\nlet a = 1\na\n%% code b\nlet b = a + 1\nb\n".write(to: notebook, atomically: true, encoding: .utf8)
        XCTAssertEqual(try segnb(["run", notebook.path]).status, 0)
        let cache = work.appendingPathComponent(".segnb-cache")
        let marker = try String(contentsOf: cache.appendingPathComponent("CACHEDIR.TAG"), encoding: .utf8)
        XCTAssertTrue(marker.hasPrefix("Signature: 8a477f597d28d172789f06886806bc55"), marker)
        let status = try segnb(["cache", "status", "--cache-dir", cache.path])
        XCTAssertTrue(status.stdout.contains("entries: 2"), status.stdout)
        // A file a user dropped into the cache folder is not an entry: it stays.
        try "mine\n".write(to: cache.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        let clear = try segnb(["cache", "clear", "--cache-dir", cache.path])
        XCTAssertEqual(clear.status, 0, clear.stderr)
        XCTAssertTrue(clear.stdout.hasPrefix("removed 2 entries"), clear.stdout)
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        XCTAssertEqual(left, ["CACHEDIR.TAG", "README"])
        XCTAssertTrue(try segnb(["cache", "status", "--cache-dir", cache.path]).stdout.contains("entries: 0"))
    }

    func testRunRefusesACacheDirOfUserFiles() throws {
        let work = try XCTUnwrap(scratch).work
        let folder = work.appendingPathComponent("project")
        let files = try userFolder(folder)
        let notebook = work.appendingPathComponent("nb.segnb")
        try "%% code a\nlet a = 1\n".write(to: notebook, atomically: true, encoding: .utf8)
        let run = try segnb(["run", notebook.path, "--cache-dir", folder.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(folder.path) is not a segnb cache folder"), run.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names, ["src", "thesis.tex"], "nothing was written into the folder")
        for file in files { XCTAssertTrue(FileManager.default.fileExists(atPath: file)) }
    }
}
