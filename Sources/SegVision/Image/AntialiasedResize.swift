import Foundation
import SegTensor

/// The taps of one output axis for an antialiased bilinear resize: a triangle filter whose
/// support widens with the downscale factor, weights normalised per output pixel. This is PIL's
/// BILINEAR resize and torch's `interpolate(mode="bilinear", antialias=True, align_corners=False)`;
/// on an upscale it reduces to plain bilinear with half-pixel centres.
struct FilterTaps {
    /// The first source index read by each output pixel.
    var start: [Int]
    /// How many source pixels each output pixel reads (at most `stride`).
    var count: [Int]
    /// `stride` weights per output pixel (unused slots are zero).
    var weights: [Float]
    /// The weight slots per output pixel.
    var stride: Int

    /// Taps resizing an axis of `input` pixels to `output`.
    static func triangle(input: Int, output: Int) -> FilterTaps {
        let scale = Double(input) / Double(output)
        // Downscaling stretches the unit triangle over `scale` source pixels so every source
        // pixel contributes; upscaling keeps the unit triangle (plain bilinear).
        let filterScale = max(scale, 1)
        let support = filterScale
        let stride = Int(support.rounded(.up)) * 2 + 1
        var taps = FilterTaps(start: [Int](repeating: 0, count: output), count: [Int](repeating: 0, count: output),
                              weights: [Float](repeating: 0, count: stride * output), stride: stride)
        for o in 0..<output {
            let center = (Double(o) + 0.5) * scale
            // Truncation toward zero, then the clamp, as both references compute the window.
            let lo = max(Int(center - support + 0.5), 0)
            let n = min(min(Int(center + support + 0.5), input) - lo, stride)
            func tent(_ j: Int) -> Double { max(0, 1 - abs((Double(j + lo) - center + 0.5) / filterScale)) }
            var total = 0.0
            for j in 0..<max(n, 0) { total += tent(j) }
            taps.start[o] = min(lo, input - 1)
            guard n > 0, total > 0 else {
                // Unreachable for positive sizes; keeps the output defined (the nearest pixel).
                taps.count[o] = 1
                taps.weights[o * stride] = 1
                continue
            }
            taps.count[o] = n
            for j in 0..<n { taps.weights[o * stride + j] = Float(tent(j) / total) }
        }
        return taps
    }
}

extension ImageOps {
    /// Antialiased bilinear resize of contiguous float32 planes `[planes, inH, inW]` into
    /// `[planes, outH, outW]`: rows first, then columns, each with its precomputed taps.
    static func resizeAntialiased(_ src: UnsafePointer<Float>, planes: Int, height: Int, width: Int,
                                  into dst: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int) {
        let xs = FilterTaps.triangle(input: width, output: outWidth)
        let ys = FilterTaps.triangle(input: height, output: outHeight)
        Parallel.forEachChunk(planes, work: planes * (height + outHeight) * outWidth * 4) { range in
            // One scratch plane per chunk: the rows resized horizontally, all input rows.
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: height * outWidth)
            defer { scratch.deallocate() }
            for p in range {
                horizontalPass(src + p * height * width, rows: height, width: width, taps: xs, into: scratch, outWidth: outWidth)
                verticalPass(scratch, taps: ys, width: outWidth, into: dst + p * outHeight * outWidth, outHeight: outHeight)
            }
        }
    }

    /// Antialiased bilinear resize of an interleaved 8-bit RGB frame into planar CHW bytes, as
    /// PIL's `Image.resize(..., BILINEAR)` (float accumulation, rounded once at the end, so
    /// within one grey level of PIL's per-pass rounding).
    static func resizeRGB8Antialiased(_ src: UnsafePointer<UInt8>, height: Int, width: Int,
                                      into dst: UnsafeMutablePointer<UInt8>, outHeight: Int, outWidth: Int) {
        let xs = FilterTaps.triangle(input: width, output: outWidth)
        let ys = FilterTaps.triangle(input: height, output: outHeight)
        let rowsPlane = height * outWidth, outPlane = outHeight * outWidth
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 3 * rowsPlane + outPlane)
        defer { scratch.deallocate() }
        xs.weights.withUnsafeBufferPointer { wbuf in
            let weights = wbuf.baseAddress.unsafelyUnwrapped
            for y in 0..<height {
                let row = src + y * width * 3
                for x in 0..<outWidth {
                    let taps = row + xs.start[x] * 3, w = weights + x * xs.stride
                    var r: Float = 0, g: Float = 0, b: Float = 0
                    for k in 0..<xs.count[x] {
                        r += w[k] * Float(taps[3 * k]); g += w[k] * Float(taps[3 * k + 1]); b += w[k] * Float(taps[3 * k + 2])
                    }
                    let at = y * outWidth + x
                    scratch[at] = r; scratch[rowsPlane + at] = g; scratch[2 * rowsPlane + at] = b
                }
            }
        }
        let column = scratch + 3 * rowsPlane
        for c in 0..<3 {
            verticalPass(scratch + c * rowsPlane, taps: ys, width: outWidth, into: column, outHeight: outHeight)
            let out = dst + c * outPlane
            for i in 0..<outPlane { out[i] = UInt8(min(max(column[i] + 0.5, 0), 255)) }
        }
    }

    /// Resizes each of `rows` rows of `width` pixels to `outWidth`.
    private static func horizontalPass(_ src: UnsafePointer<Float>, rows: Int, width: Int, taps: FilterTaps,
                                       into out: UnsafeMutablePointer<Float>, outWidth: Int) {
        taps.weights.withUnsafeBufferPointer { wbuf in
            taps.start.withUnsafeBufferPointer { start in
                taps.count.withUnsafeBufferPointer { count in
                    let weights = wbuf.baseAddress.unsafelyUnwrapped
                    for y in 0..<rows {
                        let row = src + y * width, o = out + y * outWidth
                        for x in 0..<outWidth {
                            let s = row + start[x], w = weights + x * taps.stride
                            var acc: Float = 0
                            for k in 0..<count[x] { acc += w[k] * s[k] }
                            o[x] = acc
                        }
                    }
                }
            }
        }
    }

    /// Combines rows of `width` pixels into `outHeight` rows (row-wise, so the inner loop is
    /// contiguous).
    private static func verticalPass(_ src: UnsafePointer<Float>, taps: FilterTaps, width: Int,
                                     into out: UnsafeMutablePointer<Float>, outHeight: Int) {
        taps.weights.withUnsafeBufferPointer { wbuf in
            let weights = wbuf.baseAddress.unsafelyUnwrapped
            for y in 0..<outHeight {
                let o = out + y * width, w = weights + y * taps.stride
                let first = src + taps.start[y] * width
                for x in 0..<width { o[x] = w[0] * first[x] }
                for k in 1..<max(taps.count[y], 1) {
                    let row = first + k * width, wk = w[k]
                    for x in 0..<width { o[x] += wk * row[x] }
                }
            }
        }
    }
}
