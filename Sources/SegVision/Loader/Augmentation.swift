import SegTensor
import SegRandom

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
    /// Colour jitter strengths, as torchvision's ColorJitter: each factor is drawn uniformly from
    /// [max(0, 1 - s), 1 + s]; 0 leaves that property alone. Masks are never touched.
    public var brightness: Double, contrast: Double, saturation: Double

    public init(hflip: Bool = false, scale: ClosedRange<Double>? = nil, crop: ImageSize? = nil,
                brightness: Double = 0, contrast: Double = 0, saturation: Double = 0) {
        self.hflip = hflip; self.scale = scale; self.crop = crop
        self.brightness = brightness; self.contrast = contrast; self.saturation = saturation
    }

    /// No change.
    public static let none = Augmentation()
}

/// The placement of one item in its batch slot: scaled size, window offset, flip, colour factors.
struct SamplePlacement {
    var scaledHeight: Int, scaledWidth: Int
    var top: Int, left: Int
    var flip: Bool
    /// Multipliers of brightness, contrast and saturation (1 = unchanged).
    var brightness: Float = 1, contrast: Float = 1, saturation: Float = 1

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
        // Drawn after the geometry, and only when asked for, so geometric streams stay as they were.
        func factor(_ strength: Double, _ rng: inout SplitMix64) -> Float {
            guard strength > 0 else { return 1 }
            let low = max(0, 1 - strength), high = 1 + strength
            return Float(low + (high - low) * rng.uniform())
        }
        brightness = factor(augmentation.brightness, &rng)
        contrast = factor(augmentation.contrast, &rng)
        saturation = factor(augmentation.saturation, &rng)
    }

    /// Whether `adjustColour` changes anything.
    var changesColour: Bool { brightness != 1 || contrast != 1 || saturation != 1 }

    /// Applies brightness, then contrast, then saturation to a rendered float slot `[3, H, W]` in
    /// 0...1, as torchvision does in that order: brightness scales; contrast blends with the mean
    /// grey level of the whole slot; saturation blends each pixel with its own grey level
    /// (ITU-R 601 luma). Every step clamps to 0...1.
    func adjustColour(_ image: UnsafeMutablePointer<Float>, pixels: Int) {
        guard changesColour else { return }
        let r = image, g = image + pixels, b = image + 2 * pixels
        @inline(__always) func clamp(_ v: Float) -> Float { min(max(v, 0), 1) }
        @inline(__always) func grey(_ i: Int) -> Float { 0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i] }
        if brightness != 1 {
            for i in 0..<(3 * pixels) { image[i] = clamp(image[i] * brightness) }
        }
        if contrast != 1 {
            var total = 0.0
            for i in 0..<pixels { total += Double(grey(i)) }
            let mean = Float(total / Double(max(pixels, 1))) * (1 - contrast)
            for i in 0..<(3 * pixels) { image[i] = clamp(image[i] * contrast + mean) }
        }
        if saturation != 1 {
            for i in 0..<pixels {
                let y = grey(i) * (1 - saturation)
                r[i] = clamp(r[i] * saturation + y); g[i] = clamp(g[i] * saturation + y); b[i] = clamp(b[i] * saturation + y)
            }
        }
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
