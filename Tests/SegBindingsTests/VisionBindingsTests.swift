import Foundation
@testable import SegBindings
import SegScript
import SegTensor
import XCTest
import SegTestSupport

/// The image, camvid and metrics modules driven through Seg programs on the committed mini set.
final class VisionBindingsTests: XCTestCase {
    static let mini = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Notebooks/data/camvid-mini").path

    /// Runs `source` with every binding, returning the last value and the sink.
    func run(_ source: String, globals: [String: Value] = [:]) throws -> (Value, CollectingSink) {
        let sink = CollectingSink()
        let interpreter = Interpreter(registry: Bindings.makeRegistry(), sink: sink)
        interpreter.setGlobal("mini", .string(Self.mini), constant: true)
        for (name, value) in globals { interpreter.setGlobal(name, value, constant: true) }
        let value = try interpreter.evaluate(SourceFile(name: "<test>", text: source))
        return (value, sink)
    }

    func testDatasetItemsClassesAndStatistics() throws {
        let (value, _) = try run("""
            let ds = camvid.load(mini, split: "val", size: [48, 64])
            let s = ds[0]
            let w = ds.class_weights(method: "sqrt")
            [len(ds), len(ds.classes), ds.void, type(ds), type(s.image), s.name, len(ds.class_frequencies()), len(w), len(ds.mean_std().mean)]
            """)
        XCTAssertEqual(reprString(value), "[12, 11, 11, \"Dataset\", \"Tensor\", \"0016E5_07959.png\", 11, 11, 3]")
        let (freq, _) = try run("sum(camvid.load(mini, split: \"val\", size: [48, 64]).class_frequencies())")
        XCTAssertEqual(try XCTUnwrap(freq.asDouble), 1, accuracy: 1e-9, "shares of the non-void pixels add up to one")
    }

    func testDatasetItemTensorsHaveTheLoadedSize() throws {
        let (value, _) = try run("let s = camvid.load(mini, split: \"val\", size: [48, 64])[1]\n[s.image, s.labels]")
        let items = try XCTUnwrap(value.asList)
        XCTAssertEqual(items[0].asTensor?.shape, [3, 48, 64])
        XCTAssertEqual(items[1].asTensor?.shape, [48, 64])
        XCTAssertEqual(items[1].asTensor?.dtype, .int32)
    }

    func testLoaderYieldsAugmentedBatches() throws {
        let (value, _) = try run("""
            let ds = camvid.load(mini, split: "val", size: [48, 64])
            let dl = ds.loader(batch: 5, shuffle: true, augment: {hflip: true, scale: [0.75, 1.25], crop: [32, 32]}, seed: 3, drop_last: true)
            var shapes = []
            for b in dl { shapes.append([b.image, b.labels]) }
            [len(dl), shapes]
            """)
        let list = try XCTUnwrap(value.asList)
        XCTAssertEqual(list[0].asInt, 2, "12 items in batches of 5, last dropped")
        let batches = try XCTUnwrap(list[1].asList)
        XCTAssertEqual(batches.count, 2)
        XCTAssertEqual(batches[0].asList?[0].asTensor?.shape, [5, 3, 32, 32])
        XCTAssertEqual(batches[0].asList?[1].asTensor?.shape, [5, 32, 32])
    }

    func testUnknownAugmentationAndMissingFolderAreErrors() {
        assertThrowsMessage(try run("camvid.load(mini, split: \"val\").loader(augment: {flip: true})"), "unknown augmentation 'flip'")
        assertThrowsMessage(try run("camvid.load(mini, split: \"nope\")"), "split folder not found")
    }

    func testImageOperationsKeepShapes() throws {
        let (value, _) = try run("""
            let s = camvid.load(mini, split: "val", size: [48, 64])[0]
            let r = image.resize(s.image, [24, 32])
            let l = image.resize(s.labels, [24, 32], mode: "nearest")
            [r, l, image.crop(r, 2, 3, 10, 12), image.hflip(r), image.colorize(l), image.overlay(r, l, alpha: 0.3),
             image.normalize(r, [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]), image.grid([r, r, r], cols: 2)]
            """)
        let shapes = try XCTUnwrap(value.asList).map { $0.asTensor?.shape ?? [] }
        XCTAssertEqual(shapes[0], [3, 24, 32])
        XCTAssertEqual(shapes[1], [24, 32])
        XCTAssertEqual(shapes[2], [3, 10, 12])
        XCTAssertEqual(shapes[3], [3, 24, 32])
        XCTAssertEqual(shapes[4], [3, 24, 32])
        XCTAssertEqual(shapes[5], [3, 24, 32])
        XCTAssertEqual(shapes[6], [3, 24, 32])
        XCTAssertEqual(shapes[7].first, 3)
    }

    func testImageWriteAndReadRoundTrip() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("bindings.png").path
        let (value, _) = try run("""
            let s = camvid.load(mini, split: "val", size: [24, 32])[0]
            image.write(s.image, "\(path)")
            image.read("\(path)")
            """)
        XCTAssertEqual(value.asTensor?.shape, [3, 24, 32])
        let (labels, _) = try run("image.read_labels(mini + \"/valannot/0016E5_07959.png\")")
        XCTAssertEqual(labels.asTensor?.dtype, .int32)
    }

    func testConfusionByHand() throws {
        // Truth [0, 0, 1, 2(void)], prediction [0, 1, 1, 0]: class 0 IoU 1/2, class 1 IoU 1/2.
        let prediction = try Tensor(int32: [0, 1, 1, 0], shape: [1, 1, 4])
        let truth = try Tensor(int32: [0, 0, 1, 2], shape: [1, 1, 4])
        let (value, _) = try run("""
            let c = metrics.confusion(classes: 2, ignore: 2)
            c.add(prediction, truth)
            [c.pixel_accuracy, c.iou, c.miou, c.class_accuracy, c.mean_class_accuracy, type(c.table())]
            """, globals: ["prediction": .tensor(prediction), "truth": .tensor(truth)])
        XCTAssertEqual(reprString(value), "[0.6666666666666666, [0.5, 0.5], 0.5, [0.5, 1.0], 0.75, \"Table\"]")
    }

    func testEvaluateRunsAModelOverADataset() throws {
        let (value, _) = try run("""
            let ds = camvid.load(mini, split: "val", size: [24, 32])
            let model = nn.unet(in_channels: 3, classes: 11, base: 4, depth: 1)
            let r = metrics.evaluate(model, ds, batch: 5, normalize: {mean: [0.4, 0.4, 0.4], std: [0.3, 0.3, 0.3]},
                                     weight: ds.class_weights(method: "sqrt"))
            [r.pixel_accuracy >= 0 and r.pixel_accuracy <= 1, r.loss > 0, len(r.iou), r.matrix.shape, type(r.table), type(r.confusion)]
            """)
        XCTAssertEqual(reprString(value), "[true, true, 11, [11, 11], \"Table\", \"Table\"]")
    }

    func testEvaluateWithFlipAveragesTheMirroredPass() throws {
        let (value, _) = try run("""
            let ds = camvid.load(mini, split: "val", size: [24, 32])
            let model = nn.unet(in_channels: 3, classes: 11, base: 4, depth: 1)
            let plain = metrics.evaluate(model, ds, batch: 6)
            let flipped = metrics.evaluate(model, ds, batch: 6, flip: true)
            [flipped.loss > 0, flipped.loss != plain.loss, flipped.matrix.sum().item() == plain.matrix.sum().item(), flipped.pixel_accuracy <= 1]
            """)
        XCTAssertEqual(reprString(value), "[true, true, true, true]")
        assertThrowsMessage(try run("metrics.evaluate(nn.unet(in_channels: 3, classes: 11, base: 4, depth: 1), camvid.load(mini, split: \"val\", size: [24, 32]), flip: 1)"), "evaluate(): argument 'flip' must be a Bool, not Int")
    }

    func testLoaderColourJitterArgumentsAndStorage() throws {
        let (value, _) = try run("camvid.load(mini, split: \"val\", size: [24, 32]).loader(batch: 4, augment: {hflip: true, brightness: 0.25, contrast: 0.2, saturation: 0.1})")
        let encoded = try XCTUnwrap(try XCTUnwrap(value.asObject).encode())
        let restored = try XCTUnwrap(try LoaderObject.decode(encoded.bytes).asObject as? LoaderObject)
        let a = restored.loader.augmentation
        XCTAssertEqual([a.brightness, a.contrast, a.saturation], [0.25, 0.2, 0.1])
        assertThrowsMessage(try run("camvid.load(mini, split: \"val\").loader(augment: {contrast: -1})"), "loader(): augment contrast must be a number >= 0, not -1")
        assertThrowsMessage(try run("camvid.load(mini, split: \"val\").loader(augment: {hue: 0.1})"), "unknown augmentation 'hue' (expected hflip, scale, crop, brightness, contrast, saturation)")
    }

    func testAntialiasedDatasetKeepsItsSettingThroughTheCache() throws {
        let (value, _) = try run("camvid.load(mini, split: \"val\", size: [24, 32], antialias: true)")
        let original = try XCTUnwrap(value.asObject as? DatasetObject)
        XCTAssertTrue(original.dataset.parameters.antialias)
        let back = try ValueCodec.decode(try ValueCodec.encode(value), registry: Bindings.makeRegistry())
        let restored = try XCTUnwrap(back.asObject as? DatasetObject)
        XCTAssertFalse(original === restored)
        XCTAssertEqual(restored.dataset.parameters, original.dataset.parameters)
        let probe = "[ds.antialias, ds[2].image.sum().item(), ds[2].labels.sum().item()]"
        let (a, _) = try run(probe, globals: ["ds": value])
        let (b, _) = try run(probe, globals: ["ds": back])
        XCTAssertEqual(reprString(b), reprString(a))
        XCTAssertTrue(reprString(a).hasPrefix("[true,"), reprString(a))
        // A loader stores its dataset's parameters, antialias included.
        let (loader, _) = try run("ds.loader(batch: 4)", globals: ["ds": value])
        let stored = try XCTUnwrap(try XCTUnwrap(loader.asObject).encode())
        let again = try XCTUnwrap(try LoaderObject.decode(stored.bytes).asObject as? LoaderObject)
        XCTAssertTrue(again.loader.dataset.parameters.antialias)
        let (plain, _) = try run("camvid.load(mini, split: \"val\", size: [24, 32]).antialias")
        XCTAssertEqual(plain.asBool, false)
    }

    func testResizeModesAndAntialiasArguments() throws {
        let (value, _) = try run("""
            let s = camvid.load(mini, split: "val", size: [48, 64])[0]
            let a = image.resize(s.image, [24, 32], antialias: true)
            let b = image.resize(s.image, [24, 32])
            let l = image.resize(s.labels, [24, 32], mode: "nearest-exact")
            [a.shape, (a - b).abs().max().item() > 0, l.shape, l.dtype]
            """)
        XCTAssertEqual(reprString(value), "[[3, 24, 32], true, [24, 32], \"int32\"]")
        assertThrowsMessage(try run("image.resize(tensor([[1, 2], [3, 4]], dtype: \"int32\"), [1, 1], mode: \"nearest\", antialias: true)"), "image.resize: antialias: true needs mode \"bilinear\", not \"nearest\"")
        assertThrowsMessage(try run("image.resize(zeros([1, 2, 2]), [1, 1], antialias: \"yes\")"), "resize(): argument 'antialias' must be a Bool, not String")
        assertThrowsMessage(try run("camvid.load(mini, split: \"val\", antialias: 1)"), "load(): argument 'antialias' must be a Bool, not Int")
        assertThrowsMessage(try run("image.resize(zeros([1, 2, 2]), [1, 1], mode: \"area\")"), "nearest-exact")
    }

    func testLoaderStoresByItsParameters() throws {
        let (value, _) = try run("camvid.load(mini, split: \"val\", size: [24, 32]).loader(batch: 4, augment: {hflip: true, scale: [0.8, 1.2]}, seed: 7)")
        let encoded = try XCTUnwrap(try XCTUnwrap(value.asObject).encode())
        let restored = try XCTUnwrap(try LoaderObject.decode(encoded.bytes).asObject as? LoaderObject)
        XCTAssertEqual(restored.loader.batchSize, 4)
        XCTAssertEqual(restored.loader.seed, 7)
        XCTAssertEqual(restored.loader.augmentation.scale, 0.8...1.2)
        XCTAssertEqual(restored.loader.augmentation.brightness, 0)
        XCTAssertEqual(restored.loader.count, 3)
    }

    func testConfusionStoresItsCountsAndKeepsCounting() throws {
        let (value, _) = try run("""
            let c = metrics.confusion(classes: 3, ignore: 255, names: ["road", "sky", "car"])
            c.add(tensor([[0, 1, 2, 2, 0]], dtype: "int32"), tensor([[0, 1, 1, 255, 2]], dtype: "int32"))
            c
            """)
        let back = try ValueCodec.decode(try ValueCodec.encode(value), registry: Bindings.makeRegistry())
        let original = try XCTUnwrap(value.asObject as? ConfusionObject), restored = try XCTUnwrap(back.asObject as? ConfusionObject)
        XCTAssertFalse(original === restored)
        XCTAssertEqual(restored.confusion.counts, [1, 0, 0, 0, 1, 1, 1, 0, 0])
        XCTAssertEqual(restored.confusion.names, ["road", "sky", "car"])
        XCTAssertEqual(restored.confusion.ignore, 255)
        let more = """
            c.add(tensor([2, 2, 1], dtype: "int32"), tensor([2, 255, 0], dtype: "int32"))
            [c.matrix.tolist(), c.miou, c.pixel_accuracy, c.classes]
            """
        let (a, _) = try run(more, globals: ["c": value])
        let (b, _) = try run(more, globals: ["c": back])
        XCTAssertEqual(reprString(b), reprString(a))
        XCTAssertTrue(reprString(a).hasPrefix("[[[1, 1, 0], [0, 1, 1], [1, 0, 1]], "), reprString(a))
        // Large counts restore too (in bounded chunks), and damaged payloads are errors.
        let (bigValue, _) = try run("""
            let big = metrics.confusion(classes: 2)
            big.add(ones([200000], dtype: "int32"), zeros([200000], dtype: "int32"))
            big
            """)
        let bigObject = try XCTUnwrap(bigValue.asObject as? ConfusionObject)
        let encoded = try XCTUnwrap(try bigObject.encode())
        let restoredBig = try XCTUnwrap(try ConfusionObject.decode(encoded.bytes).asObject as? ConfusionObject)
        XCTAssertEqual(restoredBig.confusion.counts, [0, 200_000, 0, 0])
        XCTAssertThrowsError(try ConfusionObject.decode(Array(encoded.bytes.dropLast(3))))
        let negative = String(decoding: encoded.bytes, as: UTF8.self).replacingOccurrences(of: "200000", with: "-5")
        XCTAssertThrowsError(try ConfusionObject.decode(Array(negative.utf8)))
    }
}
