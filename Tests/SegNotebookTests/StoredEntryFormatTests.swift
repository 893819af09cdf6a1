import Foundation
import XCTest
@testable import SegNotebook

/// Cache entries and the data file index written by earlier versions still read, and write again
/// to the very same bytes (the stored bytes below were written field by field from the formats'
/// descriptions: little-endian integers, eight-byte lengths, four-byte counts of lists).
final class StoredEntryFormatTests: XCTestCase {
    static let storedEntry = "U0VHTkJDRQEBAAAAegIAAAAAAABAAAAAAAAAAGFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWIOAAAAAAAAAGNlbGwgMiAidHJhaW4iAAAAAAAA+D8CAAAABQAAAAAAAABtb2RlbAcAAAAAAAAAaGlzdG9yeQEAAAALAAAAAAAAAC9kYXRhL2EucG5nBQAAAAAAAAAxMDoyMAEAAAAGAAAAAAAAAHNvdXJjZQAAAAAAAAAAAwAAAAAAAABhYmMHAAAAAAMAAAAAAAAAaGkKAQYAAAAAAAAAWzEsIDJdAgEBAAAAAAAAAHQCAAAAAQAAAAAAAABhAQAAAAAAAABiAgAAAAIAAAAAAQAAAAAAAAB4AQAAAAAAAOA/BQAAAAAAAAAwLjUwMAIAAAACAAEAAAAAAAAAeQMBAQAAAAAAAABjAQEAAAAAAAAAeAABAAAAAQAAAAAAAABzAQIAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwIAAAAAAAAAAAAAAAAAAEAAAAAAAAD4fwQBBAAAAAAAAABpbWdzAQAAAAMAAAAAAAAAAQIDAQAAAAAAAAABAAAAAAAAAAEDAAAAAAAAAGNhcAEAAAADAAAAAAAAAHNreQECAwUDAAAAAAAAACptKgYDAAAAAAAAAGJhZAYAAAAAAAAAY2VsbCAyAQQAAAAAAAAAAQIAAAAAAAAAAQEAAAAAAAAAeAEAAAADAAAAAAAAAGYoKQIAAAAFAAAAAAAAAG1vZGVsFAAAAAAAAAAAAQIDBAUGBwgJCgsMDQ4PEBESEwcAAAAAAAAAaGlzdG9yeQAAAAAAAAAA8UygrGSbHubAVvRX0l1HYoOjbJaURWg3z1O4JIea0xo="
    static let storedIndex = "EgAAAAAAAABzZWduYi1kYXRhLWZpbGVzLTECAAAAAAAAAAgAAAAAAAAAL2QvYS5wbmcKAAAAAAAAAADxU2UAAAAABQAAAAAAAABNAAAAAAAAAAMAAAAAAAAAAwAAAAAAAABhYmMAABBZ/FTZQQgAAAAAAAAAL2QvYi5wbmf///////////7/////////AAAAAAAAAAD//////////wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="

    func testAnEntryWrittenByEarlierVersionsReadsAndWritesIdentically() throws {
        let bytes = try XCTUnwrap(Data(base64Encoded: Self.storedEntry))
        let entry = try CacheEntryCoding.decode(bytes)
        XCTAssertEqual(entry.cellLabel, "cell 2 \"train\"")
        XCTAssertEqual(entry.runSeconds, 1.5)
        XCTAssertEqual(entry.writes, ["model", "history"])
        XCTAssertEqual(entry.outputs.count, 7)
        XCTAssertEqual(entry.bindings.map(\.name), ["model", "history"])
        XCTAssertEqual(entry.bindings.first.map { [UInt8]($0.data) }, Array(0..<20))
        guard case .images(let images, let title) = entry.outputs[4] else { return XCTFail("not images") }
        XCTAssertEqual(title, "imgs")
        XCTAssertEqual(images.first?.legend, [LegendEntry(name: "sky", red: 1, green: 2, blue: 3)])
        // The error output is stored in the layout before errors kept their span's width (tag 6);
        // it reads with width 1 and is written again as tag 9 with that width: eight bytes more.
        XCTAssertTrue(entry.outputs.contains { if case .error(let diagnostic) = $0 { return diagnostic.length == 1 }; return false })
        let rewritten = CacheEntryCoding.encode(entry)
        XCTAssertEqual(rewritten.count, bytes.count + 8)
        XCTAssertEqual(CacheEntryCoding.encode(try CacheEntryCoding.decode(rewritten)), rewritten)
    }

    func testADataFileIndexWrittenByEarlierVersionsReadsAndWritesIdentically() throws {
        let bytes = try XCTUnwrap(Data(base64Encoded: Self.storedIndex))
        let records = try DataFileIndex.decode(bytes)
        XCTAssertEqual(records.keys.sorted(), ["/d/a.png", "/d/b.png"])
        XCTAssertEqual(records["/d/a.png"]?.stamp, FileStamp(size: 10, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 5, inode: 77, device: 3))
        XCTAssertEqual(records["/d/a.png"]?.hashedAt, 1_700_000_100.25)
        XCTAssertEqual(records["/d/b.png"]?.stamp.inode, .max)
        XCTAssertEqual(DataFileIndex.encode(records), bytes)
        for cut in 0..<bytes.count { XCTAssertThrowsError(try DataFileIndex.decode(bytes.prefix(cut)), "cut at \(cut)") }
    }
}
