import SegTensor

/// Random transforms applied identically to a frame and its mask.
public struct Augmentation: Hashable, Sendable {
    /// Mirror left-right with probability 1/2.
    public var hflip: Bool
    /// Rescale by a factor drawn uniformly from this range (bilinear frames; masks by the nearest
    /// source pixel centre, so their edges stay on the frame's).
    public var scale: ClosedRange<Double>?
    /// Cut a window of this size at a random place (padding with black / void when the scaled
    /// image is smaller).
    public var crop: ImageSize?

    public init(hflip: Bool = false, scale: ClosedRange<Double>? = nil, crop: ImageSize? = nil) {
        self.hflip = hflip; self.scale = scale; self.crop = crop
    }

    /// No change.
    public static let none = Augmentation()
}

/// The placement of one item in its batch slot: scaled size, window offset, flip.
struct SamplePlacement {
    var scaledHeight: Int, scaledWidth: Int
    var top: Int, left: Int
    var flip: Bool

    /// Draws a placement for an item of `height` x `width` into an output of `out`.
    init(height: Int, width: Int, out: ImageSize, augmentation: Augmentation, rng: inout SplitMix64) {
        var s = 1.0
        if let range = augmentation.scale { s = range.lowerBound + (range.upperBound - range.lowerBound) * rng.uniform() }
        scaledHeight = max(1, Int((Double(height) * s).rounded()))
        scaledWidth = max(1, Int((Double(width) * s).rounded()))
        func offset(_ scaled: Int, _ size: Int, _ rng: inout SplitMix64) -> Int {
            scaled >= size ? rng.int(in: 0...(scaled - size)) : -rng.int(in: 0...(size - scaled))
        }
        if augmentation.crop != nil {
            top = offset(scaledHeight, out.height, &rng)
            left = offset(scaledWidth, out.width, &rng)
        } else {
            // Without a crop, a rescaled item is centred in its original-size slot.
            top = (scaledHeight - out.height) / 2
            left = (scaledWidth - out.width) / 2
        }
        flip = augmentation.hflip && rng.uniform() < 0.5
    }

    /// Writes the placed item into a float image slot `[3, H, W]` and an int32 label slot `[H, W]`.
    /// Scaling, cropping and flipping happen in one pass over the output pixels.
    func render(_ item: CamVidDataset.CachedSample, out: ImageSize, void: Int32,
                image: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>) {
        let h = item.height, w = item.width, plane = h * w, outPlane = out.height * out.width
        let ys = AxisSampling.bilinear(input: h, output: scaledHeight)
        let xs = AxisSampling.bilinear(input: w, output: scaledWidth)
        // Bilinear frames sample at pixel centres; the legacy nearest rule, floor(dst * in/out),
        // would shift masks up to half a source pixel against them, so masks take nearest-exact.
        let nys = AxisSampling.nearestExact(input: h, output: scaledHeight)
        let nxs = AxisSampling.nearestExact(input: w, output: scaledWidth)
        // Per output column: the scaled-image column it shows, or -1 for padding.
        let columns: [Int] = (0..<out.width).map { x in
            let sx = (flip ? out.width - 1 - x : x) + left
            return sx >= 0 && sx < scaledWidth ? sx : -1
        }
        item.image.withUnsafeBufferPointer { src in
            item.labels.withUnsafeBufferPointer { lab in
                for y in 0..<out.height {
                    let sy = y + top
                    let rowInside = sy >= 0 && sy < scaledHeight
                    for x in 0..<out.width {
                        let at = y * out.width + x
                        let sx = columns[x]
                        guard rowInside && sx >= 0 else {
                            image[at] = 0; image[outPlane + at] = 0; image[2 * outPlane + at] = 0
                            labels[at] = void
                            continue
                        }
                        labels[at] = Int32(lab[nys[sy] * w + nxs[sx]])
                        let r0 = ys.index0[sy] * w, r1 = ys.index1[sy] * w
                        let x0 = xs.index0[sx], x1 = xs.index1[sx]
                        let h1 = ys.weight1[sy], h0 = 1 - h1, w1 = xs.weight1[sx], w0 = 1 - w1
                        for c in 0..<3 {
                            let p = src.baseAddress.unsafelyUnwrapped + c * plane
                            let top = w0 * Float(p[r0 + x0]) + w1 * Float(p[r0 + x1])
                            let bottom = w0 * Float(p[r1 + x0]) + w1 * Float(p[r1 + x1])
                            image[c * outPlane + at] = (h0 * top + h1 * bottom) / 255
                        }
                    }
                }
            }
        }
    }
}
