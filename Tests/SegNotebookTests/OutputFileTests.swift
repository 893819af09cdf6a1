import XCTest
@testable import SegNotebook
#if canImport(Glibc)
import Glibc
import SegTestSupport
#endif

/// `-o PATH`: symlinks are written through, FIFOs and devices written into, regular files replaced
/// atomically; nothing but the named file changes. Every path is in a temporary folder (or /dev/null).
final class OutputFileTests: XCTestCase {
    var scratch: ScratchFolder!
    override func setUpWithError() throws { scratch = try ScratchFolder() }
    override func tearDown() { scratch = nil }

    func path(_ name: String) -> String { scratch.url.appendingPathComponent(name).path }
    func read(_ path: String) -> String? { (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) } }
    func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }
    func folderListing() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) ?? []).sorted() }

    func testNewAndExistingRegularFilesAreReplacedAtomicallyKeepingTheMode() throws {
        let target = path("report.html")
        try OutputFile.write(Data("one".utf8), to: target)
        XCTAssertEqual(read(target), "one")
        XCTAssertEqual(chmod(target, 0o640), 0)
        try OutputFile.write(Data("two".utf8), to: target)
        XCTAssertEqual(read(target), "two")
        var info = stat()
        XCTAssertEqual(stat(target, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o640)
        XCTAssertEqual(folderListing(), ["report.html"], "no temporary file is left behind")
    }

    func testSymlinksAreWrittenThroughAndStaySymlinks() throws {
        let real = path("real.html")
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        XCTAssertEqual(symlink("real.html", path("relative-link")), 0)
        XCTAssertEqual(symlink(path("relative-link"), path("chained-link")), 0)
        try OutputFile.write(Data("new".utf8), to: path("chained-link"))
        XCTAssertEqual(read(real), "new")
        XCTAssertEqual(kind(path("relative-link")), S_IFLNK)
        XCTAssertEqual(kind(path("chained-link")), S_IFLNK)
        // A dangling link gets its target created.
        XCTAssertEqual(symlink("created.html", path("dangling")), 0)
        try OutputFile.write(Data("made".utf8), to: path("dangling"))
        XCTAssertEqual(read(path("created.html")), "made")
        XCTAssertEqual(kind(path("dangling")), S_IFLNK)
    }

    func testAFIFOIsWrittenIntoAndStaysAFIFO() throws {
        let fifo = path("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = expectation(description: "read")
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        Thread.detachNewThread {
            let descriptor = open(fifo, O_RDONLY)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while descriptor >= 0 {
                let count = Glibc.read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                bytes += buffer[..<count]
            }
            if descriptor >= 0 { close(descriptor) }
            box.text = String(decoding: bytes, as: UTF8.self)
            received.fulfill()
        }
        try OutputFile.write(Data("through the pipe".utf8), to: fifo)
        wait(for: [received], timeout: 10)
        XCTAssertEqual(box.text, "through the pipe")
        XCTAssertEqual(kind(fifo), S_IFIFO)
    }

    func testAPipeWhoseReaderLeftIsAnErrorNotASignal() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        close(ends[0])
        defer { close(ends[1]) }
        XCTAssertThrowsError(try OutputFile.withoutPipeSignal { try OutputFile.writeAll(Data("x".utf8), to: ends[1], userPath: "the pipe") }) { error in
            XCTAssertEqual("\(error)", "cannot write the pipe: the program reading the pipe stopped reading")
        }
    }

    func testACharacterDeviceIsWrittenIntoNotReplaced() throws {
        // A pseudo-terminal this test opens is its own character device: no system path is touched.
        var master: Int32 = -1, slave: Int32 = -1
        XCTAssertEqual(openpty(&master, &slave, nil, nil, nil), 0)
        defer { close(master); close(slave) }
        let device = try XCTUnwrap(ttyname(slave).map { String(cString: $0) })
        try OutputFile.write(Data("discarded".utf8), to: device)
        XCTAssertEqual(kind(device), S_IFCHR)
        // Through a symlink of ours to the device, too.
        XCTAssertEqual(symlink(device, path("tty-link")), 0)
        try OutputFile.write(Data("discarded".utf8), to: path("tty-link"))
        XCTAssertEqual(kind(path("tty-link")), S_IFLNK)
        XCTAssertEqual(kind(device), S_IFCHR)
    }

    func testUnwritablePlacesAreClearErrors() {
        func message(_ target: String) -> String {
            do { try OutputFile.write(Data("x".utf8), to: target); return "written" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(scratch.url.path), "cannot write \(scratch.url.path): it is a folder")
        XCTAssertEqual(message(path("missing/report.html")), "cannot write \(path("missing/report.html")): the folder does not exist")
        XCTAssertEqual(symlink("loop-b", path("loop-a")), 0)
        XCTAssertEqual(symlink("loop-a", path("loop-b")), 0)
        XCTAssertEqual(message(path("loop-a")), "cannot write \(path("loop-a")): too many levels of symbolic links")
        XCTAssertEqual(folderListing(), ["loop-a", "loop-b"])
    }

    func testTheReportIsWrittenThroughASymlink() throws {
        let result = try ReportFixtures.demoResult()
        let real = path("real.html")
        XCTAssertEqual(symlink("real.html", path("report.html")), 0)
        try ReportWriter.write(result, to: path("report.html"))
        XCTAssertTrue(read(real)?.hasPrefix("<!DOCTYPE html>") ?? false)
        XCTAssertEqual(kind(path("report.html")), S_IFLNK)
    }
}
