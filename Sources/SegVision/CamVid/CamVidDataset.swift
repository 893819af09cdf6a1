import Foundation
import SegTensor

/// A height and width in pixels.
public struct ImageSize: Hashable, Codable, Sendable, CustomStringConvertible {
    public var height: Int
    public var width: Int
    public init(height: Int, width: Int) { self.height = height; self.width = width }
    /// From a `[h, w]` list as the language writes sizes; anything else is an error.
    public init(_ list: [Int]) throws {
        guard list.count == 2, list[0] > 0, list[1] > 0 else {
            throw VisionError("a size must be [height, width] with positive values, got \(list)")
        }
        self.init(height: list[0], width: list[1])
    }
    public var description: String { "[\(height), \(width)]" }
}

/// Everything `CamVid.load` was called with: enough to load the same dataset again.
public struct CamVidParameters: Hashable, Codable, Sendable {
    /// The dataset root (holding `SPLIT/` and its mask folder).
    public var root: String
    /// The split folder name: "train", "val", "test", ...
    public var split: String
    /// The size frames and masks are resized to; nil keeps each file's own size.
    public var size: ImageSize?
    /// The number of classes wanted: nil for the layout's own, 11 to group the 32-class layout.
    public var classes: Int?
    /// Resize as PIL does (antialiased bilinear frames, nearest-exact label maps) instead of
    /// PyTorch's plain `interpolate`.
    public var antialias: Bool

    public init(root: String, split: String = "train", size: ImageSize? = nil, classes: Int? = nil, antialias: Bool = false) {
        self.root = root; self.split = split; self.size = size; self.classes = classes; self.antialias = antialias
    }

    private enum CodingKeys: String, CodingKey { case root, split, size, classes, antialias }

    /// Parameters stored before `antialias` existed decode as the default (false).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(root: try c.decode(String.self, forKey: .root), split: try c.decode(String.self, forKey: .split),
                  size: try c.decodeIfPresent(ImageSize.self, forKey: .size),
                  classes: try c.decodeIfPresent(Int.self, forKey: .classes),
                  antialias: try c.decodeIfPresent(Bool.self, forKey: .antialias) ?? false)
    }

    /// `antialias` is written only when set, so default datasets keep their stored form (and cache keys).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(root, forKey: .root)
        try c.encode(split, forKey: .split)
        try c.encodeIfPresent(size, forKey: .size)
        try c.encodeIfPresent(classes, forKey: .classes)
        if antialias { try c.encode(true, forKey: .antialias) }
    }
}

/// One dataset item: image float32 `[3, h, w]` in 0...1, labels int32 `[h, w]`, the frame's file name.
public struct CamVidSample {
    public var image: Tensor
    public var labels: Tensor
    public var name: String
}

/// Loading CamVid in the SegNet 11-class layout or the original 32-class colour-coded layout.
public enum CamVid {
    /// Opens `root/split` (files are listed and paired now, decoded on first use).
    public static func load(root: String, split: String = "train", size: ImageSize? = nil, classes: Int? = nil,
                            antialias: Bool = false) throws -> CamVidDataset {
        try CamVidDataset(CamVidParameters(root: root, split: split, size: size, classes: classes, antialias: antialias))
    }

    /// Opens the dataset described by `parameters`.
    public static func load(_ parameters: CamVidParameters) throws -> CamVidDataset {
        try CamVidDataset(parameters)
    }
}

/// A CamVid split. Items decode lazily and stay in memory (8-bit, at the loaded size) once
/// decoded; it is safe to read from several threads.
public final class CamVidDataset: @unchecked Sendable {
    /// The parameters it was loaded with.
    public let parameters: CamVidParameters
    /// Class names in index order (void not included).
    public let classes: [String]
    /// One RGB colour (0...255) per class.
    public let palette: [[UInt8]]
    /// The label value of ignored pixels.
    public let void: Int
    /// The colour drawn for void.
    public let voidColor: [UInt8]
    /// Frame file names, in item order.
    public let names: [String]

    let layout: CamVidLayout
    /// For colour-coded masks: the table decoding them and the map to the wanted classes.
    private let maskTable: ColorTable?
    private let remap: [UInt8]?
    private let lock = NSLock()
    private var cache: [CachedSample?]

    /// Decoded, resized pixels: image planar CHW bytes, labels one byte per pixel.
    struct CachedSample {
        var image: [UInt8]
        var labels: [UInt8]
        var height: Int
        var width: Int
    }

    init(_ parameters: CamVidParameters) throws {
        if let size = parameters.size, size.height <= 0 || size.width <= 0 {
            throw VisionError("camvid.load: size \(size) must be positive")
        }
        self.parameters = parameters
        layout = try CamVidLayout.discover(root: parameters.root, split: parameters.split)
        switch layout.kind {
        case .indexed:
            let table = try layout.tablePath.map(ColorTable.read) ?? CamVidClasses.standard
            if let wanted = parameters.classes, wanted != table.names.count {
                throw VisionError("camvid.load: \(parameters.root) has \(table.names.count) classes (\(layout.tablePath ?? "built-in table")); classes: \(wanted) is not available for this layout")
            }
            (classes, palette, void, voidColor) = (table.names, table.colors, table.void, table.voidColor)
            maskTable = nil
            remap = nil
        case .colorCoded:
            let table = try layout.tablePath.map(ColorTable.read) ?? CamVidClasses.originalTable
            maskTable = table
            guard table.names.count < 255 else { throw VisionError("\(layout.tablePath ?? ""): too many classes (\(table.names.count))") }
            switch parameters.classes {
            case nil, table.names.count:
                (classes, palette, void, voidColor) = (table.names, table.colors, table.void, table.voidColor)
                remap = (0...table.names.count).map { UInt8($0) }
            case CamVidClasses.standard.names.count:
                let standard = CamVidClasses.standard
                (classes, palette, void, voidColor) = (standard.names, standard.colors, standard.void, standard.voidColor)
                remap = CamVidClasses.groupIndices(table).map { UInt8($0) } + [UInt8(standard.void)]
            case let wanted?:
                throw VisionError("camvid.load: classes: \(wanted) is not available: the colour table has \(table.names.count) classes, or 11 grouped")
            }
        }
        names = layout.framePaths.map { ($0 as NSString).lastPathComponent }
        cache = Array(repeating: nil, count: layout.framePaths.count)
    }

    /// The number of items.
    public var count: Int { names.count }

    /// A hash of the files' paths, sizes and modification times (for cache keys).
    public func fingerprint() -> String { layout.fingerprint() }

    /// Every file the split reads (frames, masks, colour table), for cache keys.
    public var files: [String] { layout.framePaths + layout.maskPaths + (layout.tablePath.map { [$0] } ?? []) }

    /// Item `index` as tensors, or an error naming the file that could not be read.
    public func sample(_ index: Int) throws -> CamVidSample {
        guard index >= -count && index < count else { throw VisionError("dataset index \(index) is out of range for \(count) items") }
        let i = index < 0 ? index + count : index
        let item = try cached(i)
        let plane = item.height * item.width
        let image = try Tensor(shape: [3, item.height, item.width], zeroed: false)
        let labels = try Tensor(shape: [item.height, item.width], dtype: .int32, zeroed: false)
        let img = image.pointer(as: Float.self), lab = labels.pointer(as: Int32.self)
        let table = PNGCodec.byteToUnit
        for j in 0..<(3 * plane) { img[j] = table[Int(item.image[j])] }
        for j in 0..<plane { lab[j] = Int32(item.labels[j]) }
        return CamVidSample(image: image, labels: labels, name: names[i])
    }

    /// Item `index` (negative counts from the end); see `sample(_:)`.
    public subscript(index: Int) -> CamVidSample {
        get throws { try sample(index) }
    }

    /// Decodes every item not yet in memory, on every compute thread.
    public func preload() throws {
        var failure: Error?
        let failureLock = NSLock()
        let threads = Parallel.chunks
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            for i in stride(from: part, to: count, by: threads) {
                do { _ = try cached(i) } catch {
                    failureLock.lock(); if failure == nil { failure = error }; failureLock.unlock()
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// The decoded item, decoding it on first use.
    func cached(_ i: Int) throws -> CachedSample {
        lock.lock()
        let hit = cache[i]
        lock.unlock()
        if let hit { return hit }
        let item = try decode(i)
        lock.lock()
        cache[i] = item
        lock.unlock()
        return item
    }

    private func decode(_ i: Int) throws -> CachedSample {
        let framePath = layout.framePaths[i], maskPath = layout.maskPaths[i]
        let frame = try PNGCodec.decodeRGB8(PNGCodec.readFile(framePath), name: framePath)
        let mask = try PNGCodec.decodeLabels(PNGCodec.readFile(maskPath), name: maskPath, colors: maskTable)
        guard mask.shape == [frame.height, frame.width] else {
            throw VisionError("\(framePath): frame is \(frame.width)x\(frame.height) but its mask \(maskPath) is \(mask.shape[1])x\(mask.shape[0])")
        }
        let h = parameters.size?.height ?? frame.height, w = parameters.size?.width ?? frame.width
        // Bytes per output pixel: the cached RGB and label bytes, then the float32 image and int32 labels.
        let pixels = try Shape.checkedProduct([h, w], "a \(h)x\(w) CamVid sample")
        try TensorStorage.checkAllocatable(pixels, elementSize: 4 + 16, for: "a \(h)x\(w) CamVid sample")
        let labels8 = try labelBytes(mask, maskPath: maskPath)
        var image = [UInt8](repeating: 0, count: 3 * h * w)
        var labels = [UInt8](repeating: 0, count: h * w)
        // At the file's own size every mode copies (the antialiased taps are the identity too).
        let antialias = parameters.antialias && (h != frame.height || w != frame.width)
        frame.pixels.withUnsafeBufferPointer { from in
            image.withUnsafeMutableBufferPointer { to in
                if antialias {
                    ImageOps.resizeRGB8Antialiased(from.baseAddress.unsafelyUnwrapped, height: frame.height, width: frame.width,
                                                   into: to.baseAddress.unsafelyUnwrapped, outHeight: h, outWidth: w)
                } else {
                    ImageOps.resizeRGB8(from.baseAddress.unsafelyUnwrapped, height: frame.height, width: frame.width,
                                        into: to.baseAddress.unsafelyUnwrapped, outHeight: h, outWidth: w)
                }
            }
        }
        labels8.withUnsafeBufferPointer { from in
            labels.withUnsafeMutableBufferPointer { to in
                ImageOps.resizeLabels8(from.baseAddress.unsafelyUnwrapped, height: frame.height, width: frame.width,
                                       into: to.baseAddress.unsafelyUnwrapped, outHeight: h, outWidth: w, exact: antialias)
            }
        }
        return CachedSample(image: image, labels: labels, height: h, width: w)
    }

    /// A mask's values as class bytes. Void (and 255, the usual "ignore") stays void; any other
    /// value that is not a class is an error: silently ignoring it would hide a wrong dataset.
    private func labelBytes(_ mask: Tensor, maskPath: String) throws -> [UInt8] {
        let plane = mask.count
        var labels8 = [UInt8](repeating: 0, count: plane)
        let src = mask.pointer(as: Int32.self), voidValue = UInt8(void)
        for j in 0..<plane {
            let v = src[j]
            if let remap {
                labels8[j] = v >= 0 && Int(v) < remap.count ? remap[Int(v)] : voidValue
            } else if v >= 0 && Int(v) < classes.count {
                labels8[j] = UInt8(v)
            } else if Int(v) == void || v == 255 {
                labels8[j] = voidValue
            } else {
                let width = mask.shape.last ?? 1
                throw VisionError("\(maskPath): label value \(v) at pixel (x: \(j % width), y: \(j / width)) is not one of the \(classes.count) classes (0...\(classes.count - 1)) nor void (\(void) or 255)")
            }
        }
        return labels8
    }
}
