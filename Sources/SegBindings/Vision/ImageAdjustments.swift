import SegScript
import SegTensor
import SegVision

extension Bindings {
    /// image.rotate, image.blur, image.pad, image.to_gray and image.adjust, built from tensor ops so that they work on one
    /// image `[C, H, W]` or a batch `[N, C, H, W]` and stay differentiable.
    static func registerImageAdjustments(into registry: Registry) {
        registry.register(module: "image", builtins: [
            Builtin("pad", [Param("t"), Param("widths"), Param("value", .float(0))],
                    doc: "Pads the last two axes by [left, top, right, bottom] (torchvision's order) with value") { a in
                let w = try a.ints(1)
                guard w.count == 4 else { throw ScriptError("image.pad(): widths must be [left, top, right, bottom], not \(w)") }
                let t = try a.tensor(0)
                guard t.rank >= 2 else { throw ScriptError("image.pad(): needs an image or label map, not shape \(t.shape)") }
                return .tensor(try t.padded([w[0], w[2], w[1], w[3]], value: a.double(2)))
            },
            Builtin("rotate", [Param("t"), Param("degrees"), Param("mode", .string("nearest")), Param("fill", .float(0))],
                    doc: "Rotates counter-clockwise; multiples of 90 are exact and turn the shape (np.rot90), other angles keep the size, sample nearest or bilinear and fill the uncovered corners") { a in
                let name = try a.string(2)
                guard let mode = ResizeMode(rawValue: name), mode == .nearest || mode == .bilinear else {
                    throw ScriptError("image.rotate(): mode must be \"nearest\" or \"bilinear\", not \"\(name)\"")
                }
                return .tensor(try ImageOps.rotate(a.tensor(0), degrees: a.double(1), mode: mode, fill: a.double(3)))
            },
            Builtin("blur", [Param("t"), Param("sigma")], doc: "Gaussian blur with standard deviation sigma in pixels (kernel radius ceil(3 sigma), reflected borders)") { a in
                .tensor(try ImageOps.blur(a.tensor(0), sigma: a.double(1)))
            },
            Builtin("to_gray", [Param("t")], doc: "Luma 0.299 R + 0.587 G + 0.114 B of RGB images, as [1, H, W] (or [N, 1, H, W]), as torchvision") { a in
                .tensor(try gray(try rgb(a, "to_gray")))
            },
            Builtin("adjust", [Param("t"), Param("brightness", .float(1)), Param("contrast", .float(1)), Param("saturation", .float(1))],
                    doc: "Scales brightness, contrast and saturation by the given factors (1 leaves it), as torchvision's adjust_* functions, clipped to 0..1") { a in
                var t = try rgb(a, "adjust")
                let factors = [try a.double(1), try a.double(2), try a.double(3)]
                if let bad = factors.first(where: { $0 < 0 }) { throw ScriptError("image.adjust(): factors must be non-negative, got \(bad)") }
                let zero = try Tensor.scalar(0.0)
                // Each step blends with a reference image and clips, in torchvision's order.
                func blend(_ x: Tensor, _ reference: Tensor, _ f: Double) throws -> Tensor {
                    try x.multiply(Tensor.scalar(f)).add(reference.multiply(Tensor.scalar(1 - f))).clamp(min: 0, max: 1)
                }
                if factors[0] != 1 { t = try blend(t, zero, factors[0]) }
                if factors[1] != 1 { t = try blend(t, gray(t).mean(axes: [-3, -2, -1], keepdims: true), factors[1]) }
                if factors[2] != 1 { t = try blend(t, gray(t), factors[2]) }
                return .tensor(t)
            },
        ])
    }

    /// The argument as an RGB image or batch (3 channels on axis -3).
    private static func rgb(_ a: Arguments, _ name: String) throws -> Tensor {
        let t = try a.tensor(0)
        guard t.rank == 3 || t.rank == 4, t.shape[t.rank - 3] == 3, t.dtype == .float32 else {
            throw ScriptError("image.\(name)(): needs a float32 RGB image [3, H, W] or batch [N, 3, H, W], not \(t.dtype) \(t.shape)")
        }
        return t
    }

    private static func gray(_ t: Tensor) throws -> Tensor {
        let axis = t.rank - 3
        let r = try t.narrow(axis: axis, start: 0, length: 1), g = try t.narrow(axis: axis, start: 1, length: 1)
        let b = try t.narrow(axis: axis, start: 2, length: 1)
        return try r.multiply(Tensor.scalar(0.299)).add(g.multiply(Tensor.scalar(0.587))).add(b.multiply(Tensor.scalar(0.114)))
    }
}
