import Foundation
import SegTensor

extension ImageOps {
    /// Rotates the last two axes counter-clockwise by `degrees`. A multiple of 90 is exact and
    /// turns the shape with it (as `np.rot90`); any other angle keeps the size, samples about the
    /// centre (`bilinear` needs float32; `nearest` also takes label maps) and puts `fill` where
    /// the rotated frame no longer covers.
    public static func rotate(_ tensor: Tensor, degrees: Double, mode: ResizeMode = .nearest, fill: Double = 0) throws -> Tensor {
        let layout = try ImagePlanes(tensor, op: "rotate")
        guard degrees.isFinite else { throw VisionError("image.rotate: the angle must be finite, got \(degrees)") }
        let turns = degrees / 90
        if turns.rounded() == turns {
            let k = ((Int(turns.truncatingRemainder(dividingBy: 4)) % 4) + 4) % 4
            let rank = tensor.rank
            switch k {
            case 1: return try tensor.transpose(rank - 2, rank - 1).flip([-2]).contiguous()
            case 2: return try tensor.flip([-2, -1]).contiguous()
            case 3: return try tensor.transpose(rank - 2, rank - 1).flip([-1]).contiguous()
            default: return try tensor.copy()
            }
        }
        guard mode != .bilinear || tensor.dtype == .float32 else {
            throw VisionError("image.rotate: bilinear sampling needs a float32 image, not \(tensor.dtype); use mode: \"nearest\" for label maps")
        }
        let source = try tensor.detach().astype(.float32)
        let result = try Tensor(shape: tensor.shape, dtype: .float32, zeroed: false)
        let h = layout.height, w = layout.width, plane = h * w
        let theta = degrees * Double.pi / 180, c = cos(theta), s = sin(theta)
        let cy = Double(h - 1) / 2, cx = Double(w - 1) / 2
        let src = source.pointer(as: Float.self), dst = result.pointer(as: Float.self)
        let outside = Float(fill)
        for p in 0..<layout.planes {
            let inPlane = src + p * plane, outPlane = dst + p * plane
            for y in 0..<h {
                for x in 0..<w {
                    let dx = Double(x) - cx, dy = Double(y) - cy
                    let sx = cx + dx * c - dy * s, sy = cy + dx * s + dy * c
                    outPlane[y * w + x] = mode == .bilinear
                        ? bilinearSample(inPlane, h, w, sy, sx, outside)
                        : nearestSample(inPlane, h, w, sy, sx, outside)
                }
            }
        }
        return tensor.dtype == .float32 ? result : try result.astype(tensor.dtype)
    }

    private static func nearestSample(_ p: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int, _ y: Double, _ x: Double, _ fill: Float) -> Float {
        let iy = Int((y + 0.5).rounded(.down)), ix = Int((x + 0.5).rounded(.down))
        guard iy >= 0, iy < h, ix >= 0, ix < w else { return fill }
        return p[iy * w + ix]
    }

    private static func bilinearSample(_ p: UnsafeMutablePointer<Float>, _ h: Int, _ w: Int, _ y: Double, _ x: Double, _ fill: Float) -> Float {
        guard y > -1, y < Double(h), x > -1, x < Double(w) else { return fill }
        let y0 = Int(y.rounded(.down)), x0 = Int(x.rounded(.down))
        let fy = Float(y - Double(y0)), fx = Float(x - Double(x0))
        func at(_ yy: Int, _ xx: Int) -> Float { yy >= 0 && yy < h && xx >= 0 && xx < w ? p[yy * w + xx] : fill }
        let top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx
        let bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
