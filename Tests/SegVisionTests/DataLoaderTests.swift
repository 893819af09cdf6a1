import XCTest
import SegTensor
@testable import SegVision
import SegRandom

final class DataLoaderTests: XCTestCase {
    func miniVal(_ h: Int = 48, _ w: Int = 64) throws -> CamVidDataset {
        try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: h, width: w))
    }

    func collect(_ epoch: LoaderEpoch) throws -> [Batch] {
        var batches: [Batch] = []
        while let b = try epoch.next() { batches.append(b) }
        return batches
    }

    func testBatchesInOrderWithoutShuffle() throws {
        let ds = try miniVal()
        let loader = try DataLoader(dataset: ds, batch: 5, shuffle: false)
        XCTAssertEqual(loader.count, 3)
        let batches = try collect(loader.epoch())
        XCTAssertEqual(batches.map { $0.indices }, [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]])
        XCTAssertEqual(batches[0].image.shape, [5, 3, 48, 64])
        XCTAssertEqual(batches[2].labels.shape, [2, 48, 64])
        // Without augmentation a batch holds exactly the dataset items.
        let s = try ds.sample(6)
        let img = try TestData.floats(batches[1].image), lab = try TestData.ints(batches[1].labels)
        XCTAssertEqual(Array(img[(3 * 48 * 64)..<(6 * 48 * 64)]), try TestData.floats(s.image))
        XCTAssertEqual(Array(lab[(48 * 64)..<(2 * 48 * 64)]), try TestData.ints(s.labels))
        XCTAssertEqual(try DataLoader(dataset: ds, batch: 5, dropLast: true).count, 2)
        XCTAssertEqual(try collect(DataLoader(dataset: ds, batch: 5, dropLast: true).epoch()).count, 2)
    }

    func testShuffleIsSeededAndChangesPerEpoch() throws {
        let ds = try miniVal()
        let a = try DataLoader(dataset: ds, batch: 4, seed: 7), b = try DataLoader(dataset: ds, batch: 4, seed: 7)
        let a0 = try collect(a.epoch()).flatMap { $0.indices }, b0 = try collect(b.epoch()).flatMap { $0.indices }
        XCTAssertEqual(a0, b0)
        XCTAssertEqual(a0.sorted(), Array(0..<12))
        let a1 = try collect(a.epoch()).flatMap { $0.indices }
        XCTAssertNotEqual(a0, a1)
        XCTAssertNotEqual(a0, try DataLoader(dataset: ds, batch: 4, seed: 8).order(epoch: 0))
        // The generator is fixed across machines: pin its first values.
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
    }

    func testAugmentationIsIdenticalForFrameAndMaskAndReproducible() throws {
        let ds = try miniVal()
        let augment = Augmentation(hflip: true, scale: 0.75...1.25, crop: ImageSize(height: 40, width: 56))
        let loader = try DataLoader(dataset: ds, batch: 12, shuffle: false, augmentation: augment, seed: 3)
        let batch = try XCTUnwrap(try loader.epoch().next())
        XCTAssertEqual(batch.image.shape, [12, 3, 40, 56])
        let again = try XCTUnwrap(try DataLoader(dataset: ds, batch: 12, shuffle: false, augmentation: augment, seed: 3).epoch().next())
        XCTAssertEqual(try TestData.floats(batch.image), try TestData.floats(again.image))
        // A flip-only loader: every item is either the plain item or its mirror, frame and mask alike.
        let flipper = try DataLoader(dataset: ds, batch: 12, shuffle: false, augmentation: Augmentation(hflip: true), seed: 1)
        let flipped = try XCTUnwrap(try flipper.epoch().next())
        let plane = 48 * 64
        var mirrored = 0
        for i in 0..<12 {
            let s = try ds.sample(i)
            let img = Array(try TestData.floats(flipped.image)[(i * 3 * plane)..<((i + 1) * 3 * plane)])
            let lab = Array(try TestData.ints(flipped.labels)[(i * plane)..<((i + 1) * plane)])
            if img == (try TestData.floats(s.image)) {
                XCTAssertEqual(lab, try TestData.ints(s.labels))
            } else {
                XCTAssertEqual(img, try TestData.floats(ImageOps.hflip(s.image)))
                XCTAssertEqual(lab, try TestData.ints(ImageOps.hflip(s.labels)))
                mirrored += 1
            }
        }
        XCTAssertTrue((1...11).contains(mirrored), "about half are mirrored, got \(mirrored)")
        // Scale then crop: mask pixels are nearest samples, so only valid labels appear, and
        // padding (scaled smaller than the crop) is void.
        let small = try DataLoader(dataset: ds, batch: 2, shuffle: false,
                                   augmentation: Augmentation(scale: 0.5...0.5, crop: ImageSize(height: 48, width: 64)))
        let padded = try XCTUnwrap(try small.epoch().next())
        let labels = try TestData.ints(padded.labels)
        XCTAssertTrue(labels.allSatisfy { $0 >= 0 && $0 <= 11 })
        XCTAssertGreaterThanOrEqual(labels.filter { $0 == 11 }.count, 2 * (48 * 64 - 24 * 32))
    }

    func testZoomedMasksSampleTheFramesPixelCentres() throws {
        // One row of four pixels whose class is its column and whose brightness marks the same
        // column (0, 85, 170, 255). Scaled by 0.75 to three columns, bilinear frames sample at
        // source x = 0.17, 1.5, 2.83; the mask must pick the pixel under those centres, 0, 2, 3
        // (the legacy nearest rule, floor(dst * 4/3), picks 0, 1, 2 and lags the frame).
        let item = CamVidDataset.CachedSample(image: (0..<3).flatMap { _ in [UInt8]([0, 85, 170, 255]) },
                                              labels: [0, 1, 2, 3], height: 1, width: 4)
        let out = ImageSize(height: 1, width: 4)
        var rng = SplitMix64(seed: 0)
        let placement = SamplePlacement(height: 1, width: 4, out: out, augmentation: Augmentation(scale: 0.75...0.75), rng: &rng)
        var image = [Float](repeating: -1, count: 12), labels = [Int32](repeating: -1, count: 4)
        image.withUnsafeMutableBufferPointer { img in
            labels.withUnsafeMutableBufferPointer { lab in
                placement.render(item, out: out, void: 11, image: img.baseAddress!, labels: lab.baseAddress!)
            }
        }
        XCTAssertEqual(labels, [0, 2, 3, 11])
        for x in 0..<3 {
            let sourceX = image[x] * 255 / 85   // the frame's sampling position, from its brightness
            XCTAssertLessThanOrEqual(abs(sourceX - Float(labels[x])), 0.5, "column \(x): frame at \(sourceX), mask \(labels[x])")
        }
        XCTAssertEqual(image[3], 0, "the uncovered column is black padding")
    }

    func testColourJitterByHand() throws {
        // Two pixels, RGB (0.2, 0.4, 0.6) and (0.8, 0.8, 0.8); greys 0.2*0.299 + 0.4*0.587 + 0.6*0.114
        // = 0.3630 and 0.8.
        func adjusted(brightness: Float = 1, contrast: Float = 1, saturation: Float = 1) -> [Float] {
            var rng = SplitMix64(seed: 0)
            var placement = SamplePlacement(height: 1, width: 2, out: ImageSize(height: 1, width: 2), augmentation: .none, rng: &rng)
            placement.brightness = brightness; placement.contrast = contrast; placement.saturation = saturation
            var image: [Float] = [0.2, 0.8, 0.4, 0.8, 0.6, 0.8]   // planes R, G, B
            image.withUnsafeMutableBufferPointer { placement.adjustColour($0.baseAddress!, pixels: 2) }
            return image
        }
        func assertClose(_ a: [Float], _ b: [Float], _ what: String) {
            XCTAssertEqual(a.count, b.count)
            for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-5, "\(what): \(a) vs \(b)") }
        }
        assertClose(adjusted(), [0.2, 0.8, 0.4, 0.8, 0.6, 0.8], "factors of 1 change nothing")
        assertClose(adjusted(brightness: 1.5), [0.3, 1, 0.6, 1, 0.9, 1], "brightness scales and clamps")
        // Contrast 0.5 blends halfway to the mean grey (0.3630 + 0.8) / 2 = 0.5815.
        let m: Float = 0.5815 * 0.5
        assertClose(adjusted(contrast: 0.5), [0.1 + m, 0.4 + m, 0.2 + m, 0.4 + m, 0.3 + m, 0.4 + m], "contrast")
        assertClose(adjusted(saturation: 0), [0.363, 0.8, 0.363, 0.8, 0.363, 0.8], "saturation 0 is each pixel's grey")
    }

    func testColourJitterDrawsFactorsInRangeAndLeavesGeometryAndMasksAlone() throws {
        let ds = try miniVal(24, 32)
        let plain = try DataLoader(dataset: ds, batch: 12, shuffle: false, augmentation: Augmentation(hflip: true), seed: 3)
        let jitter = Augmentation(hflip: true, brightness: 0.3, contrast: 0.3, saturation: 0.3)
        let jittered = try DataLoader(dataset: ds, batch: 12, shuffle: false, augmentation: jitter, seed: 3)
        let a = try XCTUnwrap(try collect(plain.epoch()).first), b = try XCTUnwrap(try collect(jittered.epoch()).first)
        XCTAssertEqual(try TestData.ints(a.labels), try TestData.ints(b.labels), "the same flips, and masks untouched")
        XCTAssertNotEqual(a.image.floats(), b.image.floats())
        XCTAssertTrue(b.image.floats().allSatisfy { $0 >= 0 && $0 <= 1 })
        for i in 0..<200 {
            var rng = SplitMix64(seed: UInt64(i))
            let p = SamplePlacement(height: 4, width: 4, out: ImageSize(height: 4, width: 4), augmentation: jitter, rng: &rng)
            for f in [p.brightness, p.contrast, p.saturation] { XCTAssertTrue((0.7...1.3).contains(f), "\(f)") }
        }
    }

    func testEarlyStopAndErrorPropagation() throws {
        let ds = try miniVal()
        let loader = try DataLoader(dataset: ds, batch: 1, prefetch: 2)
        let epoch = loader.epoch()
        XCTAssertNotNil(try epoch.next())
        epoch.close()          // the producer is blocked on a full queue: it must stop
        XCTAssertNil(try epoch.next())
        _ = loader.epoch()     // released at once: deinit closes it

        let root = try TestData.temporaryDirectory(self)
        let fm = FileManager.default
        try fm.copyItem(atPath: TestData.mini + "/val", toPath: root + "/val")
        try fm.copyItem(atPath: TestData.mini + "/valannot", toPath: root + "/valannot")
        let broken = ds.names[5]
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: root + "/valannot/" + broken))
        let bad = try CamVid.load(root: root, split: "val", size: ImageSize(height: 24, width: 32))
        let e = try DataLoader(dataset: bad, batch: 2, shuffle: false).epoch()
        XCTAssertNotNil(try e.next())
        XCTAssertNotNil(try e.next())
        let message = TestData.errorMessage { _ = try e.next() }
        XCTAssertTrue(message.contains("valannot/" + broken), message)
        XCTAssertNil(try e.next())
    }

    func testRejectsBadSettings() throws {
        let ds = try miniVal()
        XCTAssertTrue(TestData.errorMessage { _ = try DataLoader(dataset: ds, batch: 0) }.contains("batch"))
        XCTAssertTrue(TestData.errorMessage { _ = try DataLoader(dataset: ds, augmentation: Augmentation(scale: 0...1)) }.contains("scale"))
        let nan = TestData.errorMessage { _ = try DataLoader(dataset: ds, augmentation: Augmentation(contrast: .nan)) }
        XCTAssertTrue(nan.contains("augment contrast must be a finite number >= 0"), nan)
        let negative = TestData.errorMessage { _ = try DataLoader(dataset: ds, augmentation: Augmentation(brightness: -0.1)) }
        XCTAssertTrue(negative.contains("augment brightness"), negative)
    }
}

final class DataLoaderConvenienceTests: XCTestCase {
    func testDatasetLoaderAndSizeFromList() throws {
        let ds = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize([24, 32]))
        let loader = try ds.loader(batch: 4, shuffle: false, dropLast: true)
        XCTAssertEqual(loader.count, 3)
        XCTAssertEqual(try loader.epoch().next()?.image.shape, [4, 3, 24, 32])
        XCTAssertTrue(TestData.errorMessage { _ = try ImageSize([1, 2, 3]) }.contains("[1, 2, 3]"))
    }
}
