import XCTest
@testable import SegNotebook
import SegTestSupport
import SegScript

final class CacheStoreTests: XCTestCase {
    func sampleEntry(key: String = String(repeating: "ab", count: 32), payload: Int = 1000) -> CacheEntry {
        CacheEntry(key: key, cellLabel: "cell 2 \"train\"", runSeconds: 1.5, writes: ["model", "history"],
                   files: [FileFingerprint(path: "/data/a.png", fingerprint: "10:20")],
                   keyParts: [KeyPart(kind: "source", value: "abc")],
                   outputs: [.text("hi\n"), .value("[1, 2]"),
                             .table(OutputTable(title: "t", columns: ["a", "b"], rows: [[.text("x"), .number(0.5, display: "0.500")], [.missing, .text("y")]])),
                             .chart(LineChart(title: "c", xLabel: "x", yLabel: nil, series: [ChartSeries(name: "s", x: [0, 1], y: [2, .nan])])),
                             .images([OutputImage(png: TestPNG.onePixel, width: 1, height: 1, caption: nil, legend: [LegendEntry(name: "sky", red: 1, green: 2, blue: 3)])], title: nil),
                             .markdown("*m*"),
                             .error(LocatedDiagnostic(message: "bad", source: "cell 2", line: 4, column: 2, length: 3, sourceLine: "x + y", notes: ["f()"]))],
                   bindings: [(name: "model", data: Data((0..<payload).map { UInt8($0 % 251) })), (name: "history", data: Data())])
    }

    func testEntryRoundTrip() throws {
        let entry = sampleEntry()
        let decoded = try CacheEntryCoding.decode(CacheEntryCoding.encode(entry))
        // NaN != NaN, so compare the chart separately.
        XCTAssertEqual(decoded.bindings.map(\.data), entry.bindings.map(\.data))
        XCTAssertEqual(decoded.outputs.count, entry.outputs.count)
        XCTAssertEqual(Array(decoded.outputs.prefix(3)), Array(entry.outputs.prefix(3)))
        XCTAssertEqual(Array(decoded.outputs.suffix(3)), Array(entry.outputs.suffix(3)))
        guard case .chart(let chart) = decoded.outputs[3] else { return XCTFail() }
        XCTAssertEqual(chart.series[0].x, [0, 1])
        XCTAssertTrue(chart.series[0].y[1].isNaN)
        XCTAssertEqual(decoded.writes, entry.writes)
        XCTAssertEqual(decoded.files, entry.files)
        XCTAssertEqual(decoded.keyParts, entry.keyParts)
    }

    func testCorruptAndTruncatedEntriesAreDroppedNotTrusted() throws {
        let scratch = try ScratchFolder()
        let store = CacheStore(directory: scratch.url)
        let entry = sampleEntry()
        try store.save(entry)
        let url = store.url(forKey: entry.key)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: url)
        guard case .dropped(let reason) = store.load(key: entry.key) else { return XCTFail("corrupt entry was trusted") }
        XCTAssertTrue(reason.contains("checksum"), reason)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))

        try store.save(entry)
        let whole = try Data(contentsOf: url)
        for length in [0, 5, 20, whole.count / 2, whole.count - 1] {
            try whole.prefix(length).write(to: url)
            guard case .dropped = store.load(key: entry.key) else { return XCTFail("truncated entry of \(length) bytes was trusted") }
        }
        XCTAssertEqual(store.load(key: entry.key), .miss)
    }

    func testRunKilledDuringACacheWriteLeavesTheNextRunCorrect() throws {
        let scratch = try ScratchFolder()
        let path = scratch.notebook("%% code a\nx = 4\n%% code b\nprint x\n")
        let (fresh, _) = try scratch.run(path)
        let store = CacheStore(directory: CacheStore.defaultDirectory(forNotebook: path))
        // A killed writer leaves a temp file; a torn copy (from a non-atomic tool) is also possible.
        let temp = store.directory.appendingPathComponent("tmp-killed")
        try Data("half".utf8).write(to: temp)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: temp.path)
        let keyB = try XCTUnwrap(fresh.cells[1].key)
        let entryURL = store.url(forKey: keyB)
        let full = try Data(contentsOf: entryURL)
        try full.prefix(full.count - 7).write(to: entryURL)

        var warnings: [String] = []
        let (result, env) = try scratch.run(path) { $0.progress = { if $0.hasPrefix("warning") { warnings.append($0) } } }
        XCTAssertEqual(env.executed, ["print x"])
        XCTAssertEqual(result.cells[1].outputs, fresh.cells[1].outputs)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("dropped corrupt cache entry"), warnings[0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.path), "stale temp files are swept")
        let (_, third) = try scratch.run(path)
        XCTAssertTrue(third.executed.isEmpty)
    }

    func testStatusPruneLeastRecentlyUsedAndClear() throws {
        let scratch = try ScratchFolder()
        let store = CacheStore(directory: scratch.url.appendingPathComponent("c"))
        let keys = ["a", "b", "c"].map { String(repeating: $0, count: 64) }
        for (index, key) in keys.enumerated() {
            try store.save(sampleEntry(key: key, payload: 10_000))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(index - 10) * 60)], ofItemAtPath: store.url(forKey: key).path)
        }
        // Using the oldest makes it the most recent.
        guard case .hit = store.load(key: keys[0]) else { return XCTFail() }
        let status = store.status()
        XCTAssertEqual(status.entryCount, 3)
        XCTAssertGreaterThan(status.totalBytes, 30_000)
        XCTAssertTrue(status.description.contains("entries: 3"))
        let oneEntry = status.totalBytes / 3
        XCTAssertEqual(store.prune(maxBytes: oneEntry + 10), 2)
        XCTAssertTrue(store.contains(key: keys[0]))
        XCTAssertFalse(store.contains(key: keys[1]))
        XCTAssertFalse(store.contains(key: keys[2]))
        XCTAssertEqual(store.clear(), 1)
        XCTAssertEqual(store.status().entryCount, 0)
    }

    func testSizes() {
        XCTAssertEqual(CacheStore.parseSize("1024"), 1024)
        XCTAssertEqual(CacheStore.parseSize("500M"), 500 * 1024 * 1024)
        XCTAssertEqual(CacheStore.parseSize("2G"), 2 * 1024 * 1024 * 1024)
        XCTAssertEqual(CacheStore.parseSize("100KB"), 100 * 1024)
        XCTAssertEqual(CacheStore.parseSize("1.5GiB"), Int64(1.5 * 1024 * 1024 * 1024))
        XCTAssertNil(CacheStore.parseSize("lots"))
        XCTAssertNil(CacheStore.parseSize("5X"))
        // Sizes past Int64 are larger than any cache; negative, non-finite and exponent forms are not sizes.
        XCTAssertEqual(CacheStore.parseSize("99999999999G"), Int64.max)
        XCTAssertEqual(CacheStore.parseSize(String(repeating: "9", count: 400)), nil, "a number past Double is not finite")
        for text in ["-5", "1e30", "abc", "", "G", ".", "nan", "inf", "١٢"] { XCTAssertNil(CacheStore.parseSize(text), text) }
        XCTAssertEqual(CacheStore.formatSize(1536), "1.5 KB")
    }

    func testKeyPartsAreUnambiguous() {
        XCTAssertNotEqual(CacheHashing.key([KeyPart(kind: "a", name: "bc", value: "")]), CacheHashing.key([KeyPart(kind: "ab", name: "c", value: "")]))
        XCTAssertEqual(CacheHashing.key([KeyPart(kind: "a", value: "1")]).count, 64)
    }
}
