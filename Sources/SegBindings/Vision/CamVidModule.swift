import Foundation
import SegScript
import SegTensor
import SegVision

extension Bindings {
    /// The `camvid` module and the methods of datasets.
    static func registerCamVidModule(into registry: Registry) {
        registry.register(decoder: DatasetObject.tag, DatasetObject.decode)
        registry.register(decoder: LoaderObject.tag, LoaderObject.decode)
        registry.register(module: "camvid", doc: "The CamVid road-scene dataset", builtins: [
            Builtin("load", [Param("root"), Param("split", .string("train")), .optional("size"), .optional("classes"),
                             Param("antialias", .bool(false))],
                    doc: "Loads a split: frames and label maps, resized to size [h, w] (antialias: true resizes like PIL: antialiased frames, nearest-exact labels)") { a in
                // An absolute root keeps the dataset valid wherever it is restored or iterated.
                let root = URL(fileURLWithPath: try a.string(0)).standardizedFileURL.path
                let size = try a[2].isNull ? nil : ImageSize(a.ints(2))
                let dataset = try CamVid.load(root: root, split: a.string(1), size: size, classes: a.optionalInt(3),
                                              antialias: strictBool(a, 4))
                return .object(DatasetObject(dataset))
            },
        ])
        registry.register(methodsOf: "Dataset", builtins: [
            Builtin("class_frequencies", doc: "Each class's share of the split's non-void pixels") { a in
                .list(try a.receiver(as: DatasetObject.self).dataset.classFrequencies().map(Value.float))
            },
            Builtin("class_weights", [Param("method", .string("median"))],
                    doc: "Median-frequency class weights (or \"sqrt\" for their square root)") { a in
                guard let method = ClassWeighting(rawValue: try a.string(0)) else {
                    throw ScriptError("class_weights(): method must be \"median\" or \"sqrt\", not \"\(try a.string(0))\"")
                }
                return .list(try a.receiver(as: DatasetObject.self).dataset.classWeights(method: method).map(Value.float))
            },
            Builtin("mean_std", doc: "Per-channel mean and standard deviation: {mean, std}") { a in
                let (mean, std) = try a.receiver(as: DatasetObject.self).dataset.meanStd()
                return .dict([("mean", .list(mean.map(Value.float))), ("std", .list(std.map(Value.float)))])
            },
            Builtin("loader", [Param("batch", .int(8)), Param("shuffle", .bool(true)), .optional("augment"),
                               Param("seed", .int(0)), Param("drop_last", .bool(false))],
                    doc: "Batches {image, labels}, decoded and augmented ahead of the consumer (augment keys: hflip, scale, crop, brightness, contrast, saturation)") { a in
                let ds = try a.receiver(as: DatasetObject.self).dataset
                let augment = try augmentation(a[2])
                let loader = try ds.loader(batch: a.int(0), shuffle: a.bool(1), augment: augment,
                                           seed: UInt64(bitPattern: Int64(a.int(3))), dropLast: a.bool(4))
                return .object(LoaderObject(loader))
            },
        ])
    }

    /// `{hflip: true, scale: [0.75, 1.25], crop: [h, w], brightness: 0.25, contrast: 0.25, saturation: 0.25}`
    /// as an `Augmentation`.
    static func augmentation(_ v: Value) throws -> Augmentation {
        if case .null = v { return .none }
        guard case .dict(let d) = v else { throw ScriptError("loader(): augment must be a Dict or nil, not \(v.typeName)") }
        let colourKeys = ["brightness", "contrast", "saturation"]
        for key in d.keys where !(["hflip", "scale", "crop"] + colourKeys).contains(key) {
            throw ScriptError("loader(): unknown augmentation '\(key)' (expected hflip, scale, crop, \(colourKeys.joined(separator: ", ")))")
        }
        var result = Augmentation()
        result.hflip = d["hflip"]?.isTruthy ?? false
        if let s = d["scale"], !s.isNull {
            guard let l = s.asList, l.count == 2, let lo = l[0].asDouble, let hi = l[1].asDouble, lo > 0, lo <= hi else {
                throw ScriptError("loader(): augment scale must be [lo, hi] with 0 < lo <= hi")
            }
            result.scale = lo...hi
        }
        if let c = d["crop"], !c.isNull {
            guard let l = c.asList, l.count == 2, let h = l[0].asInt, let w = l[1].asInt else {
                throw ScriptError("loader(): augment crop must be [h, w]")
            }
            result.crop = try ImageSize([h, w])
        }
        for key in colourKeys {
            guard let v = d[key], !v.isNull else { continue }
            guard let strength = v.asDouble, strength >= 0, strength.isFinite else {
                throw ScriptError("loader(): augment \(key) must be a number >= 0, not \(displayString(v))")
            }
            switch key {
            case "brightness": result.brightness = strength
            case "contrast": result.contrast = strength
            default: result.saturation = strength
            }
        }
        return result
    }
}
