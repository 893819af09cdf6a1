import Foundation
import XCTest
@testable import SegNotebook
import SegTestSupport

/// Data files are hashed once and then recognised by their `stat`, as git's index does.
final class DataFileIndexTests: XCTestCase {
    /// Sets a file's modification time (the past, so its record counts as settled).
    private func setModified(_ path: String, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-secondsAgo)], ofItemAtPath: path)
    }

    private func write(_ bytes: [UInt8], to path: String, secondsAgo: Double = 60) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try setModified(path, secondsAgo: secondsAgo)
    }

    /// `frame.png` with three bytes written two minutes ago, fingerprinted and the index saved.
    private func savedFrame(in scratch: ScratchFolder) throws -> (path: String, fingerprint: FileFingerprint) {
        let path = scratch.file("frame.png").path
        try write([1, 2, 3], to: path, secondsAgo: 120)
        let index = DataFileIndex(cacheDirectory: scratch.url)
        let fingerprint = index.fingerprint(path)
        index.save()
        return (path, fingerprint)
    }

    func testUnchangedFilesAreHashedOnceAcrossRuns() throws {
        let scratch = try ScratchFolder()
        let paths = (0..<5).map { scratch.url.appendingPathComponent("f\($0).png").path }
        for (i, path) in paths.enumerated() { try write([UInt8(i), 1, 2], to: path) }
        let first = DataFileIndex(cacheDirectory: scratch.url)
        let prints = paths.map(first.fingerprint)
        XCTAssertEqual(first.hashCount, 5)
        XCTAssertTrue(prints.allSatisfy { $0.fingerprint.hasPrefix("sha256:") })
        XCTAssertEqual(Set(prints.map(\.fingerprint)).count, 5)
        first.save()

        let second = DataFileIndex(cacheDirectory: scratch.url)
        XCTAssertEqual(paths.map(second.fingerprint), prints)
        XCTAssertEqual(second.hashCount, 0, "recognised by path, size, mtime and inode: nothing read")
    }

    func testChangedContentAndTimeIsRehashedAndDiffers() throws {
        let scratch = try ScratchFolder()
        let (path, before) = try savedFrame(in: scratch)
        try write([9, 9, 9], to: path, secondsAgo: 60)
        let reloaded = DataFileIndex(cacheDirectory: scratch.url)
        let after = reloaded.fingerprint(path)
        XCTAssertEqual(reloaded.hashCount, 1)
        XCTAssertNotEqual(after, before, "new content, new fingerprint")
    }

    func testTouchedFileIsRehashedButKeepsItsFingerprint() throws {
        let scratch = try ScratchFolder()
        let (path, before) = try savedFrame(in: scratch)
        try setModified(path, secondsAgo: 30)
        let reloaded = DataFileIndex(cacheDirectory: scratch.url)
        XCTAssertEqual(reloaded.fingerprint(path), before, "same content: nothing to invalidate")
        XCTAssertEqual(reloaded.hashCount, 1, "but the new time made it read again")
        XCTAssertEqual(reloaded.fingerprint(path), before)
        XCTAssertEqual(reloaded.hashCount, 1, "and the new stamp is remembered")
    }

    func testAStaleRecordIsNeverTrustedWhenTheSizeDiffers() throws {
        let scratch = try ScratchFolder()
        let (path, before) = try savedFrame(in: scratch)
        // Same modification time (restored after the write, as a copy tool might), other size.
        let modified = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        try Data([1, 2, 3, 4]).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let reloaded = DataFileIndex(cacheDirectory: scratch.url)
        XCTAssertNotEqual(reloaded.fingerprint(path), before)
        XCTAssertEqual(reloaded.hashCount, 1)
    }

    func testAFileModifiedJustBeforeItWasHashedIsReadAgain() throws {
        let scratch = try ScratchFolder()
        let path = scratch.url.appendingPathComponent("fresh.png").path
        try Data([5]).write(to: URL(fileURLWithPath: path))
        let index = DataFileIndex(cacheDirectory: scratch.url)
        _ = index.fingerprint(path)
        _ = index.fingerprint(path)
        XCTAssertEqual(index.hashCount, 2, "a record made in the file's own second could miss a same-tick edit")
    }

    func testMissingFilesAndADamagedIndex() throws {
        let scratch = try ScratchFolder()
        try Data("not an index".utf8).write(to: scratch.url.appendingPathComponent(DataFileIndex.fileName))
        let index = DataFileIndex(cacheDirectory: scratch.url)
        XCTAssertEqual(index.fingerprint(scratch.url.appendingPathComponent("nope.png").path).fingerprint, "missing")
        XCTAssertEqual(index.fingerprint(scratch.url.path).fingerprint, "missing", "a folder is not a data file")
        let path = scratch.url.appendingPathComponent("a.png").path
        try write([1], to: path)
        XCTAssertTrue(index.fingerprint(path).fingerprint.hasPrefix("sha256:"))
        index.save()
        XCTAssertEqual(DataFileIndex(cacheDirectory: scratch.url).fingerprint(path), index.fingerprint(path))
    }

    func testRunnerRestoresAfterATouchAndRerunsAfterAnEdit() throws {
        let scratch = try ScratchFolder()
        let dataPath = scratch.url.appendingPathComponent("frames.bin").path
        try write([1, 2, 3], to: dataPath, secondsAgo: 120)
        let path = scratch.notebook("%% code load\nread \(dataPath)\n%% code use\nprint data\n")
        _ = try scratch.run(path)
        try setModified(dataPath, secondsAgo: 60)
        let (touched, _) = try scratch.run(path)
        XCTAssertEqual(touched.statusNames, ["restored", "restored"], "a touch with the same content re-runs nothing")
        try write([1, 2, 3, 4, 5], to: dataPath, secondsAgo: 30)
        let (edited, afterEdit) = try scratch.run(path)
        XCTAssertEqual(afterEdit.executed, ["read \(dataPath)", "print data"])
        XCTAssertEqual(edited.cells[1].outputs, [.text("5\n")])
    }
}
