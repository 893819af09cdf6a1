import Foundation
import SegTensor

/// How `ImageOps.resize` samples.
public enum ResizeMode: String, Sendable {
    /// PyTorch `interpolate(mode="bilinear", align_corners=False, antialias=False)`.
    case bilinear
    /// PyTorch `interpolate(mode="nearest")`: source index floor(dst * in/out).
    case nearest
    /// PyTorch `interpolate(mode="nearest-exact")` and PIL's NEAREST: source index
    /// floor((dst + 0.5) * in/out), centred like bilinear sampling.
    case nearestExact = "nearest-exact"
}

/// Source positions for one output axis, computed as PyTorch does in float32.
struct AxisSampling {
    var index0: [Int]
    var index1: [Int]
    var weight1: [Float]

    /// Bilinear with half-pixel centres: src = (dst + 0.5) * in/out - 0.5, clamped at 0.
    static func bilinear(input: Int, output: Int) -> AxisSampling {
        let scale = Float(input) / Float(output)
        var s = AxisSampling(index0: [], index1: [], weight1: [])
        for o in 0..<output {
            let src = max((Float(o) + 0.5) * scale - 0.5, 0)
            let i0 = min(Int(src), input - 1)
            s.index0.append(i0)
            s.index1.append(i0 < input - 1 ? i0 + 1 : i0)
            s.weight1.append(src - Float(i0))
        }
        return s
    }

    /// Nearest: floor(dst * in/out), clamped to the last pixel.
    static func nearest(input: Int, output: Int) -> [Int] {
        if input == output { return Array(0..<output) }
        if output == 2 * input { return (0..<output).map { $0 >> 1 } }
        let scale = Float(input) / Float(output)
        return (0..<output).map { min(Int((Float($0) * scale).rounded(.down)), input - 1) }
    }

    /// Nearest-exact: floor((dst + 0.5) * in/out) in float32 as PyTorch, clamped to the last pixel.
    static func nearestExact(input: Int, output: Int) -> [Int] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { min(Int(((Float($0) + 0.5) * scale).rounded(.down)), input - 1) }
    }

    /// The source index of each output pixel for a nearest mode.
    static func nearest(input: Int, output: Int, exact: Bool) -> [Int] {
        exact ? nearestExact(input: input, output: output) : nearest(input: input, output: output)
    }
}

/// Geometric and colour operations on images `[C, H, W]`, batches `[N, C, H, W]` and label maps.
public enum ImageOps {
    /// Resizes the last two axes to `height` x `width`. Bilinear needs float32; the nearest modes
    /// also take int32 label maps. `antialias` (bilinear only) filters like PIL's BILINEAR and
    /// torch's `antialias=True` when downscaling.
    public static func resize(_ tensor: Tensor, height: Int, width: Int, mode: ResizeMode = .bilinear,
                              antialias: Bool = false) throws -> Tensor {
        let layout = try ImagePlanes(tensor, op: "resize")
        guard height > 0, width > 0 else { throw VisionError("image.resize: target size [\(height), \(width)] must be positive") }
        guard !antialias || mode == .bilinear else {
            throw VisionError("image.resize: antialias: true needs mode \"bilinear\", not \"\(mode.rawValue)\"")
        }
        guard layout.height > 0, layout.width > 0 else { throw VisionError("image.resize: cannot resize an empty image of shape \(tensor.shape)") }
        let t = try tensor.contiguous()
        let result = try Tensor(shape: layout.leading + [height, width], dtype: t.dtype, zeroed: false)
        if antialias {
            // The first pass keeps every input row at the output width, one plane per core.
            let scratch = try Shape.checkedProduct([layout.height, width, 2], "image.resize's intermediate plane")
            try TensorStorage.checkAllocatable(scratch, elementSize: MemoryLayout<Float>.stride, for: "image.resize's intermediate plane")
        }
        let inPlane = layout.height * layout.width, outPlane = height * width
        switch (mode, t.dtype) {
        case (.bilinear, .float32) where antialias:
            resizeAntialiased(t.pointer(as: Float.self), planes: layout.planes, height: layout.height, width: layout.width,
                              into: result.pointer(as: Float.self), outHeight: height, outWidth: width)
        case (.bilinear, .float32):
            let ys = AxisSampling.bilinear(input: layout.height, output: height)
            let xs = AxisSampling.bilinear(input: layout.width, output: width)
            let src = t.pointer(as: Float.self), dst = result.pointer(as: Float.self)
            Parallel.forEachChunk(layout.planes * height, work: layout.planes * outPlane) { rows in
                for row in rows {
                    let p = row / height, y = row % height
                    let r0 = src + p * inPlane + ys.index0[y] * layout.width
                    let r1 = src + p * inPlane + ys.index1[y] * layout.width
                    let h1 = ys.weight1[y], h0 = 1 - h1
                    let out = dst + p * outPlane + y * width
                    for x in 0..<width {
                        let x0 = xs.index0[x], x1 = xs.index1[x], w1 = xs.weight1[x], w0 = 1 - w1
                        out[x] = h0 * (w0 * r0[x0] + w1 * r0[x1]) + h1 * (w0 * r1[x0] + w1 * r1[x1])
                    }
                }
            }
        case (.nearest, .float32), (.nearest, .int32), (.nearestExact, .float32), (.nearestExact, .int32):
            let exact = mode == .nearestExact
            let ys = AxisSampling.nearest(input: layout.height, output: height, exact: exact)
            let xs = AxisSampling.nearest(input: layout.width, output: width, exact: exact)
            let src = t.pointer(as: UInt32.self), dst = result.pointer(as: UInt32.self)
            for p in 0..<layout.planes {
                for y in 0..<height {
                    let row = src + p * inPlane + ys[y] * layout.width
                    let out = dst + p * outPlane + y * width
                    for x in 0..<width { out[x] = row[xs[x]] }
                }
            }
        default:
            throw VisionError("image.resize: mode \(mode.rawValue) does not support \(t.dtype) tensors (labels resize with mode: \"nearest\" or \"nearest-exact\")")
        }
        return result
    }

    /// Bilinear resize of an interleaved 8-bit RGB frame into planar CHW bytes (rounded).
    static func resizeRGB8(_ src: UnsafePointer<UInt8>, height: Int, width: Int,
                           into dst: UnsafeMutablePointer<UInt8>, outHeight: Int, outWidth: Int) {
        let plane = outHeight * outWidth
        if height == outHeight && width == outWidth {
            for i in 0..<plane { for c in 0..<3 { dst[c * plane + i] = src[i * 3 + c] } }
            return
        }
        let ys = AxisSampling.bilinear(input: height, output: outHeight)
        let xs = AxisSampling.bilinear(input: width, output: outWidth)
        for y in 0..<outHeight {
            let r0 = src + ys.index0[y] * width * 3, r1 = src + ys.index1[y] * width * 3
            let h1 = ys.weight1[y], h0 = 1 - h1
            for x in 0..<outWidth {
                let x0 = xs.index0[x] * 3, x1 = xs.index1[x] * 3, w1 = xs.weight1[x], w0 = 1 - w1
                for c in 0..<3 {
                    let top = w0 * Float(r0[x0 + c]) + w1 * Float(r0[x1 + c])
                    let bottom = w0 * Float(r1[x0 + c]) + w1 * Float(r1[x1 + c])
                    dst[c * plane + y * outWidth + x] = UInt8(h0 * top + h1 * bottom + 0.5)
                }
            }
        }
    }

    /// Nearest (or, with `exact`, nearest-exact) resize of an 8-bit label plane.
    static func resizeLabels8(_ src: UnsafePointer<UInt8>, height: Int, width: Int,
                              into dst: UnsafeMutablePointer<UInt8>, outHeight: Int, outWidth: Int, exact: Bool = false) {
        let ys = AxisSampling.nearest(input: height, output: outHeight, exact: exact)
        let xs = AxisSampling.nearest(input: width, output: outWidth, exact: exact)
        for y in 0..<outHeight {
            let row = src + ys[y] * width
            let out = dst + y * outWidth
            for x in 0..<outWidth { out[x] = row[xs[x]] }
        }
    }
}
