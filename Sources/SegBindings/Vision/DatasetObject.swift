import Foundation
import SegScript
import SegTensor
import SegVision

/// A CamVid split as a Seg value (`type(ds)` is "Dataset"); stored in the cache by its parameters.
public final class DatasetObject: ScriptObject {
    /// The SegVision dataset.
    public let dataset: CamVidDataset
    /// Wraps a dataset.
    public init(_ dataset: CamVidDataset) { self.dataset = dataset }

    /// The tag of the cache decoder.
    public static let tag = "camvid.dataset"

    public var typeName: String { "Dataset" }

    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "classes": return .list(dataset.classes.map(Value.string))
        case "palette": return .list(dataset.palette.map { .list($0.map { .int(Int($0)) }) })
        case "void": return .int(dataset.void)
        case "names": return .list(dataset.names.map(Value.string))
        case "root": return .string(dataset.parameters.root)
        case "split": return .string(dataset.parameters.split)
        case "antialias": return .bool(dataset.parameters.antialias)
        default: return nil
        }
    }

    public func length() throws -> Int? { dataset.count }

    public func getIndex(_ indices: [IndexArgument], _ interpreter: Interpreter) throws -> Value? {
        guard indices.count == 1, case .value(let v) = indices[0], let i = v.asInt else {
            throw ScriptError("a Dataset takes one Int index")
        }
        return Self.item(try dataset.sample(i))
    }

    public func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? {
        var i = 0
        let dataset = self.dataset
        return ClosureIterator { _ in
            guard i < dataset.count else { return nil }
            i += 1
            return Self.item(try dataset.sample(i - 1))
        }
    }

    /// `{image, labels, name}`.
    static func item(_ s: CamVidSample) -> Value {
        .dict([("image", .tensor(s.image)), ("labels", .tensor(s.labels)), ("name", .string(s.name))])
    }

    public func display(full: Bool) -> String {
        let p = dataset.parameters
        return "<Dataset \(p.split) of \(p.root): \(dataset.count) items, \(dataset.classes.count) classes\(p.size.map { ", size \($0)" } ?? "")\(p.antialias ? ", antialiased" : "")>"
    }

    public func encode() throws -> EncodedObject? {
        EncodedObject(tag: Self.tag, bytes: Array(try JSONEncoder.stored.encode(dataset.parameters)))
    }

    /// Restores a dataset stored by `encode()`.
    public static func decode(_ bytes: [UInt8]) throws -> Value {
        let parameters = try JSONDecoder().decode(CamVidParameters.self, from: Data(bytes))
        return .object(DatasetObject(try CamVid.load(parameters)))
    }
}

/// A loader over a dataset (`type` "Loader"): `len` batches, iteration yields `{image, labels}`.
public final class LoaderObject: ScriptObject {
    /// The SegVision loader.
    public let loader: DataLoader
    /// Wraps a loader.
    public init(_ loader: DataLoader) { self.loader = loader }
    public var typeName: String { "Loader" }
    public func length() throws -> Int? { loader.count }
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "batch": return .int(loader.batchSize)
        case "dataset": return .object(DatasetObject(loader.dataset))
        default: return nil
        }
    }
    public func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? {
        let epoch = loader.epoch()
        return ClosureIterator { _ in
            guard let b = try epoch.next() else { return nil }
            return .dict([("image", .tensor(b.image)), ("labels", .tensor(b.labels))])
        }
    }
    /// The tag of the cache decoder.
    public static let tag = "camvid.loader"

    /// What a loader is made of, for the cache.
    private struct Stored: Codable {
        var dataset: CamVidParameters
        var batch: Int
        var shuffle: Bool
        var hflip: Bool
        var scale: [Double]?
        var crop: ImageSize?
        // Optional so that loaders stored before colour jitter existed still restore.
        var brightness: Double?, contrast: Double?, saturation: Double?
        var seed: UInt64
        var dropLast: Bool
    }

    public func encode() throws -> EncodedObject? {
        let a = loader.augmentation
        let stored = Stored(dataset: loader.dataset.parameters, batch: loader.batchSize, shuffle: loader.shuffle,
                            hflip: a.hflip, scale: a.scale.map { [$0.lowerBound, $0.upperBound] }, crop: a.crop,
                            brightness: a.brightness, contrast: a.contrast, saturation: a.saturation, seed: loader.seed, dropLast: loader.dropLast)
        return EncodedObject(tag: Self.tag, bytes: Array(try JSONEncoder.stored.encode(stored)))
    }

    /// Restores a loader stored by `encode()`.
    public static func decode(_ bytes: [UInt8]) throws -> Value {
        let s = try JSONDecoder().decode(Stored.self, from: Data(bytes))
        var augment = Augmentation(hflip: s.hflip, crop: s.crop, brightness: s.brightness ?? 0,
                                   contrast: s.contrast ?? 0, saturation: s.saturation ?? 0)
        if let scale = s.scale, scale.count == 2, scale[0] <= scale[1] { augment.scale = scale[0]...scale[1] }
        let dataset = try CamVid.load(s.dataset)
        return .object(LoaderObject(try dataset.loader(batch: s.batch, shuffle: s.shuffle, augment: augment,
                                                       seed: s.seed, dropLast: s.dropLast)))
    }

    public func display(full: Bool) -> String {
        "<Loader \(loader.count) batches of \(loader.batchSize)\(loader.shuffle ? ", shuffled" : "")>"
    }
}
