import SegTensor

extension ImageOps {
    /// Colours an int32 label map `[H, W]` (or `[N, H, W]`) with `palette` (RGB 0...255 per
    /// class), giving float32 `[3, H, W]` (or `[N, 3, H, W]`) in 0...1. Labels outside the
    /// palette (void) get `voidColor`.
    public static func colorize(_ labels: Tensor, palette: [[UInt8]], voidColor: [UInt8] = [0, 0, 0]) throws -> Tensor {
        let (t, batch) = try labelLayout(labels, op: "colorize")
        let lut = try paletteFloats(palette, voidColor: voidColor)
        let h = t.shape[t.rank - 2], w = t.shape[t.rank - 1], plane = h * w
        let result = try Tensor(shape: batch.map { [$0, 3, h, w] } ?? [3, h, w], zeroed: false)
        let src = t.pointer(as: Int32.self), dst = result.pointer(as: Float.self)
        let voidSlot = lut.count / 3 - 1
        for n in 0..<(batch ?? 1) {
            let labelsN = src + n * plane, out = dst + n * 3 * plane
            for i in 0..<plane {
                let v = Int(labelsN[i])
                let slot = v >= 0 && v < voidSlot ? v : voidSlot
                out[i] = lut[slot * 3]
                out[plane + i] = lut[slot * 3 + 1]
                out[2 * plane + i] = lut[slot * 3 + 2]
            }
        }
        return result
    }

    /// Blends the colorized labels over `image` (float32 `[3, H, W]` or `[N, 3, H, W]`):
    /// (1 - alpha) * image + alpha * colour; void pixels (labels outside the palette) keep the image.
    public static func overlay(_ image: Tensor, labels: Tensor, palette: [[UInt8]], alpha: Float = 0.5) throws -> Tensor {
        let (l, batch) = try labelLayout(labels, op: "overlay")
        let expected = batch.map { [$0, 3] } ?? [3]
        guard image.dtype == .float32, image.rank == l.rank + 1,
              Array(image.shape.dropLast(2)) == expected, Array(image.shape.suffix(2)) == Array(l.shape.suffix(2)) else {
            throw VisionError("image.overlay: image \(image.dtype) \(image.shape) does not match labels \(labels.shape) (expected float32 \(expected + Array(l.shape.suffix(2))))")
        }
        guard (0...1).contains(alpha) else { throw VisionError("image.overlay: alpha \(alpha) must be in 0...1") }
        let img = try image.contiguous()
        let lut = try paletteFloats(palette, voidColor: [0, 0, 0])
        let plane = l.shape[l.rank - 2] * l.shape[l.rank - 1]
        let result = try Tensor(shape: img.shape, zeroed: false)
        let src = img.pointer(as: Float.self), lab = l.pointer(as: Int32.self), dst = result.pointer(as: Float.self)
        let classes = palette.count
        for n in 0..<(batch ?? 1) {
            for i in 0..<plane {
                let v = Int(lab[n * plane + i])
                for c in 0..<3 {
                    let at = (n * 3 + c) * plane + i
                    dst[at] = v >= 0 && v < classes ? (1 - alpha) * src[at] + alpha * lut[v * 3 + c] : src[at]
                }
            }
        }
        return result
    }

    /// A contiguous int32 label map and its batch size (nil for a single `[H, W]` map).
    static func labelLayout(_ labels: Tensor, op: String) throws -> (Tensor, Int?) {
        guard labels.dtype == .int32, labels.rank == 2 || labels.rank == 3 else {
            throw VisionError("image.\(op): expected int32 labels [H, W] or [N, H, W], got \(labels.dtype) \(labels.shape)")
        }
        return (try labels.contiguous(), labels.rank == 3 ? labels.shape[0] : nil)
    }

    /// The palette as floats 0...1, three per class, with the void colour appended.
    static func paletteFloats(_ palette: [[UInt8]], voidColor: [UInt8]) throws -> [Float] {
        var lut: [Float] = []
        for (index, color) in (palette + [voidColor]).enumerated() {
            guard color.count == 3 else { throw VisionError("palette entry \(index) has \(color.count) components, expected 3 (r, g, b)") }
            lut += color.map { Float($0) / 255 }
        }
        return lut
    }
}
