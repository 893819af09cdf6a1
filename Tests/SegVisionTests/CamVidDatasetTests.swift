import XCTest
import SegTensor
@testable import SegVision

final class CamVidDatasetTests: XCTestCase {
    func testLoadsTheEmbeddedMiniSet() throws {
        let ds = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: 96, width: 128))
        XCTAssertEqual(ds.count, 12)
        XCTAssertEqual(ds.classes.count, 11)
        XCTAssertEqual(ds.classes.first, "Sky")
        XCTAssertEqual(ds.palette[4], [60, 40, 222])
        XCTAssertEqual(ds.void, 11)
        let s = try ds.sample(0)
        XCTAssertEqual(s.image.shape, [3, 96, 128])
        XCTAssertEqual(s.labels.shape, [96, 128])
        XCTAssertEqual(s.name, ds.names[0])
        XCTAssertTrue(try TestData.floats(s.image).allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssertTrue(try TestData.ints(s.labels).allSatisfy { $0 >= 0 && $0 <= 11 })
        // Labels are the nearest resize of the file's own mask.
        let mask = try PNGCodec.readLabels(TestData.mini + "/valannot/" + s.name)
        XCTAssertEqual(try TestData.ints(s.labels), try TestData.ints(ImageOps.resize(mask, height: 96, width: 128, mode: .nearest)))
        // Frames: the bilinear resize of the file, within 8-bit rounding.
        let frame = try ImageOps.resize(PNGCodec.readImage(TestData.mini + "/val/" + s.name), height: 96, width: 128)
        let worst = zip(try TestData.floats(s.image), try TestData.floats(frame)).map { abs($0 - $1) }.max() ?? 1
        XCTAssertLessThanOrEqual(worst, 0.5 / 255 + 1e-5)
        XCTAssertEqual(try ds[-1].name, ds.names[11])
        XCTAssertTrue(TestData.errorMessage { _ = try ds.sample(12) }.contains("12"))
    }

    func testParametersAndFingerprint() throws {
        let p = CamVidParameters(root: TestData.mini, split: "val", size: ImageSize(height: 48, width: 64))
        let ds = try CamVid.load(p)
        XCTAssertEqual(ds.parameters, p)
        let again = try JSONDecoder().decode(CamVidParameters.self, from: JSONEncoder().encode(p))
        XCTAssertEqual(try CamVid.load(again).fingerprint(), ds.fingerprint())
        XCTAssertNotEqual(try CamVid.load(root: TestData.mini, split: "train").fingerprint(), ds.fingerprint())
    }

    func testAntialiasedLoadingResizesLikePIL() throws {
        let plain = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: 96, width: 128))
        let pil = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: 96, width: 128), antialias: true)
        XCTAssertTrue(pil.parameters.antialias)
        XCTAssertFalse(plain.parameters.antialias)
        let a = try pil.sample(3), b = try plain.sample(3)
        XCTAssertEqual(a.image.shape, [3, 96, 128])
        XCTAssertNotEqual(try TestData.floats(a.image), try TestData.floats(b.image))
        // Frames: the antialiased float resize of the file, within 8-bit rounding.
        let frame = try ImageOps.resize(PNGCodec.readImage(TestData.mini + "/val/" + a.name), height: 96, width: 128, antialias: true)
        let worst = zip(try TestData.floats(a.image), try TestData.floats(frame)).map { abs($0 - $1) }.max() ?? 1
        XCTAssertLessThanOrEqual(worst, 0.5 / 255 + 1e-5)
        // Labels: floor((d + 0.5) * in/out) of the full-size mask, computed here by hand.
        let mask = try PNGCodec.readLabels(TestData.mini + "/valannot/" + a.name)
        let (inH, inW) = (mask.shape[0], mask.shape[1])
        let full = try TestData.ints(mask)
        var expected = [Int32]()
        for y in 0..<96 {
            let sy = min((2 * y + 1) * inH / (2 * 96), inH - 1)
            for x in 0..<128 { expected.append(full[sy * inW + min((2 * x + 1) * inW / (2 * 128), inW - 1)]) }
        }
        XCTAssertEqual(try TestData.ints(a.labels), expected)
        XCTAssertNotEqual(try TestData.ints(b.labels), expected, "the default keeps torch's legacy nearest")
        // Statistics follow the loaded pixels.
        XCTAssertNotEqual(try pil.meanStd().mean, try plain.meanStd().mean)
    }

    func testAntialiasIsPartOfTheStoredParameters() throws {
        let p = CamVidParameters(root: TestData.mini, split: "val", size: ImageSize(height: 48, width: 64), antialias: true)
        let json = try JSONEncoder().encode(p)
        XCTAssertEqual(try JSONDecoder().decode(CamVidParameters.self, from: json), p)
        XCTAssertNotEqual(try JSONDecoder().decode(CamVidParameters.self, from: json),
                          CamVidParameters(root: TestData.mini, split: "val", size: ImageSize(height: 48, width: 64)))
        // The default form is unchanged (stored caches and their keys stay valid) and still decodes.
        let plain = CamVidParameters(root: "/r", split: "val", classes: 11)
        let old = Data(#"{"root":"/r","split":"val","classes":11}"#.utf8)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("antialias"))
        XCTAssertEqual(try JSONDecoder().decode(CamVidParameters.self, from: old), plain)
    }

    func testThirtyTwoClassLayoutGroupsIntoTheEleven() throws {
        let root = TestData.fixture("camvid32")
        let grouped = try CamVid.load(root: root, split: "train", classes: 11)
        XCTAssertEqual(grouped.count, 3)
        XCTAssertEqual(grouped.classes, CamVidClasses.standard.names)
        for i in 0..<grouped.count {
            let s = try grouped.sample(i)
            let expected = try PNGCodec.readLabels(root + "/expected/" + s.name)
            XCTAssertEqual(try TestData.ints(s.labels), try TestData.ints(expected), s.name)
        }
        let full = try CamVid.load(root: root, split: "train")
        XCTAssertEqual(full.classes.count, 31)
        XCTAssertEqual(full.void, 31)
        let labels = try TestData.ints(full.sample(0).labels)
        XCTAssertEqual(labels[0], 31, "a colour outside the table is void")
        XCTAssertTrue(labels.contains(Int32(full.classes.firstIndex(of: "LaneMkgsDriv") ?? -1)))
        XCTAssertTrue(TestData.errorMessage { _ = try CamVid.load(root: root, split: "train", classes: 5) }.contains("classes: 5"))
    }

    /// Builds a small SegNet-layout tree from the mini set to break in different ways.
    func makeTree(frames: [String], masks: [String]) throws -> String {
        let root = try TestData.temporaryDirectory(self)
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/val", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/valannot", withIntermediateDirectories: true)
        for f in frames { try fm.copyItem(atPath: TestData.mini + "/val/" + f, toPath: root + "/val/" + f) }
        for m in masks { try fm.copyItem(atPath: TestData.mini + "/valannot/" + m, toPath: root + "/valannot/" + m) }
        return root
    }

    func testErrorsNameTheFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestData.mini + "/val").sorted()
        let (a, b) = (names[0], names[1])
        let missing = TestData.errorMessage { _ = try CamVid.load(root: TestData.mini, split: "test") }
        XCTAssertTrue(missing.contains("camvid-mini/test") && missing.contains("split folder"), missing)

        let noMask = try makeTree(frames: [a, b], masks: [a])
        let m1 = TestData.errorMessage { _ = try CamVid.load(root: noMask, split: "val") }
        XCTAssertTrue(m1.contains("val/" + b) && m1.contains("no mask"), m1)

        let noFrame = try makeTree(frames: [a], masks: [a, b])
        let m2 = TestData.errorMessage { _ = try CamVid.load(root: noFrame, split: "val") }
        XCTAssertTrue(m2.contains("valannot/" + b) && m2.contains("no frame"), m2)

        let mismatch = try makeTree(frames: [a], masks: [])
        try PNGCodec.write(Tensor(shape: [10, 10], dtype: .int32), to: mismatch + "/valannot/" + a)
        let ds = try CamVid.load(root: mismatch, split: "val")
        let m3 = TestData.errorMessage { _ = try ds.sample(0) }
        XCTAssertTrue(m3.contains("val/" + a) && m3.contains("10x10"), m3)

        let corrupt = try makeTree(frames: [a], masks: [a])
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: corrupt + "/val/" + a))
        let m4 = TestData.errorMessage { _ = try CamVid.load(root: corrupt, split: "val").sample(0) }
        XCTAssertTrue(m4.contains(corrupt + "/val/" + a), m4)

        let badTable = try makeTree(frames: [a], masks: [a])
        try Data("index,name,r,g,b\n0,Sky,1,2\n".utf8).write(to: URL(fileURLWithPath: badTable + "/classes.csv"))
        let m5 = TestData.errorMessage { _ = try CamVid.load(root: badTable, split: "val") }
        XCTAssertTrue(m5.contains("classes.csv:2"), m5)
    }

    func testRealCamVidValSplit() throws {
        let root = try TestData.requireCamvid()
        let ds = try CamVid.load(root: root, split: "val", size: ImageSize(height: 192, width: 256))
        XCTAssertEqual(ds.count, 101)
        let s = try ds.sample(50)
        XCTAssertEqual(s.image.shape, [3, 192, 256])
        XCTAssertEqual(s.labels.shape, [192, 256])
    }
}
