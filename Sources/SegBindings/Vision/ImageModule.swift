import Foundation
import SegScript
import SegTensor
import SegVision

extension Bindings {
    /// The `image` module over SegVision's PNG codec and image operations.
    static func registerImageModule(into registry: Registry) {
        registry.register(module: "image", doc: "Reading, writing and transforming images and label maps", builtins: [
            Builtin("read", [Param("path")], doc: "Reads a PNG as a float32 [C, H, W] tensor in 0..1") { a in
                .tensor(try PNGCodec.readImage(a.inputPath(0)))
            },
            Builtin("read_labels", [Param("path"), .optional("colors")],
                    doc: "Reads a label PNG as an int32 [H, W] class map (RGB masks need a colour table)") { a in
                var table: ColorTable?
                if let colors = try paletteColors(a[1]) {
                    table = ColorTable(names: colors.indices.map { "class \($0)" }, colors: colors)
                }
                return .tensor(try PNGCodec.readLabels(a.inputPath(0), colors: table))
            },
            Builtin("write", [Param("t"), Param("path"), .optional("palette")],
                    doc: "Writes a float32 [C, H, W] tensor in 0..1 (small overshoots are clipped; 0..255 data is an error) as a PNG, or an int32 [H, W] label map as an indexed PNG (palette: [K, 3] colours, default CamVid's; label K is void, black); rank 0 alone writes") { a in
                let image = try a.tensor(0), path = try a.string(1)
                guard image.dtype == .int32 else {
                    if !a[2].isNull {
                        throw ScriptError("image.write(): palette: is for int32 [H, W] label maps, not a \(image.dtype) tensor of shape \(image.shape)")
                    }
                    try checkUnitRange(image)
                    try Bindings.writtenByLeader { try PNGCodec.write(image, to: path) }
                    return .null
                }
                guard image.rank == 2 else {
                    throw ScriptError("image.write(): a label map must be int32 [H, W], not shape \(image.shape); write one map at a time")
                }
                let palette = try paletteColors(a[2]) ?? CamVidClasses.standard.colors
                try Bindings.writtenByLeader { try PNGCodec.writeIndexed(image, palette: palette, to: path) }
                return .null
            },
            Builtin("resize", [Param("t"), Param("size"), Param("mode", .string("bilinear")), Param("antialias", .bool(false))],
                    doc: "Resizes images or label maps to [h, w] (bilinear, nearest or nearest-exact; antialias: true filters bilinear downscales like PIL)") { a in
                let size = try ImageSize(a.ints(1))
                guard let mode = ResizeMode(rawValue: try a.string(2)) else {
                    throw ScriptError("resize(): mode must be \"bilinear\", \"nearest\" or \"nearest-exact\", not \"\(try a.string(2))\"")
                }
                // ImageOps.resize refuses antialias with a nearest mode itself.
                return .tensor(try ImageOps.resize(a.tensor(0), height: size.height, width: size.width, mode: mode,
                                                   antialias: strictBool(a, 3)))
            },
            Builtin("crop", [Param("t"), Param("top"), Param("left"), Param("h"), Param("w")], doc: "Crops a window") { a in
                .tensor(try ImageOps.crop(a.tensor(0), top: a.int(1), left: a.int(2), height: a.int(3), width: a.int(4)))
            },
            Builtin("hflip", [Param("t")], doc: "Mirrors left to right") { a in
                .tensor(try ImageOps.hflip(a.tensor(0)))
            },
            Builtin("vflip", [Param("t")], doc: "Mirrors top to bottom (images [C, H, W] or [N, C, H, W], label maps [H, W] or [N, H, W])") { a in
                let t = try a.tensor(0)
                guard t.rank >= 2 else { throw ScriptError("vflip(): needs an image or label map of at least 2 dimensions, not shape \(t.shape)") }
                return .tensor(try t.flip([-2]).contiguous())
            },
            Builtin("normalize", [Param("t"), Param("mean"), Param("std")], doc: "(t - mean) / std per channel") { a in
                .tensor(try ImageOps.normalize(a.tensor(0), mean: a.doubles(1).map(Float.init), std: a.doubles(2).map(Float.init)))
            },
            Builtin("colorize", [Param("labels"), .optional("palette")],
                    doc: "Colours a label map with a palette (the dataset's, else CamVid's); show() gives it a class legend") { a in
                let labels = try a.tensor(0)
                let classes = displayClasses(palette: try paletteColors(a[1]), interpreter: a.interpreter)
                let picture = try ImageOps.colorize(labels, palette: classes.colors)
                PictureLegends.attach(try classes.legend(forLabels: labels), to: picture)
                return .tensor(picture)
            },
            Builtin("overlay", [Param("img"), Param("labels"), .optional("palette"), Param("alpha", .float(0.5))],
                    doc: "Blends a coloured label map over an image; show() gives it a class legend") { a in
                let labels = try a.tensor(1)
                let classes = displayClasses(palette: try paletteColors(a[2]), interpreter: a.interpreter)
                let picture = try ImageOps.overlay(a.tensor(0), labels: labels, palette: classes.colors, alpha: Float(a.double(3)))
                PictureLegends.attach(try classes.legend(forLabels: labels), to: picture)
                return .tensor(picture)
            },
            Builtin("grid", [Param("images"), Param("cols", .int(4))],
                    doc: "Lays out images and label maps in a grid; show() gives it the legend of the classes in it") { a in
                let images = try a.sequence(0).map { v -> Tensor in
                    guard let t = v.asTensor else { throw ScriptError("grid(): images must be Tensors, not \(v.typeName)") }
                    return t
                }
                let classes = displayClasses(palette: nil, interpreter: a.interpreter)
                let picture = try ImageOps.grid(images, cols: a.int(1), palette: classes.colors).image
                PictureLegends.attach(mergedLegend(try images.map { try legend(of: $0, classes: classes) }), to: picture)
                return .tensor(picture)
            },
        ])
    }

    /// The i-th argument as a Bool, refusing other values: a flag like `antialias: "yes"` is a
    /// mistake, not a truthy request.
    static func strictBool(_ a: Arguments, _ i: Int) throws -> Bool {
        guard case .bool(let b) = a[i] else {
            let name = i < a.builtin.parameters.count ? a.builtin.parameters[i].name : "\(i)"
            throw ScriptError("\(a.builtin.name)(): argument '\(name)' must be a Bool, not \(a[i].typeName)")
        }
        return b
    }
}

/// A float image must hold values in 0..1: overshoots of up to 0.1 (interpolation, jitter) are
/// clipped when written, anything further (0..255 data, normalized frames) is a mistake.
func checkUnitRange(_ t: Tensor) throws {
    guard t.dtype == .float32, t.count > 0 else { return }
    var low = Double.infinity, high = -Double.infinity
    for v in t.doubles() where !v.isNaN {
        low = min(low, v)
        high = max(high, v)
    }
    guard low < -0.1 || high > 1.1 else { return }
    let hint = high > 2 && low >= -0.1 ? "; for 0..255 data divide by 255 first" : ""
    throw ScriptError("image.write(): a float32 image must hold values in 0..1, but these range from \(formatNumber(low)) to \(formatNumber(high))\(hint)")
}

private func formatNumber(_ v: Double) -> String { String(format: "%g", v) }
