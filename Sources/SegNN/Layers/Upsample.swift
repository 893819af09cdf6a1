import SegTensor

/// How `Upsample` interpolates.
public enum UpsampleMode: String, Sendable {
    /// Bilinear with align_corners=False (F.interpolate's default for "bilinear").
    case bilinear
    /// Nearest neighbour (F.interpolate's "nearest").
    case nearest
}

/// Where each output coordinate reads from along one axis: two source indices and their
/// weights. The taps live in raw buffers (freed with the object) so the per-pixel loops of the
/// forward and backward passes read them without bounds checks or array retains.
private final class Taps {
    let low: UnsafeMutablePointer<Int>, high: UnsafeMutablePointer<Int>
    let lowWeight: UnsafeMutablePointer<Float>, highWeight: UnsafeMutablePointer<Float>

    /// PyTorch's source index for align_corners=False: (o + 0.5) / scale - 0.5, clamped at 0.
    init(input: Int, output: Int, scale: Int, mode: UpsampleMode) {
        low = .allocate(capacity: output); high = .allocate(capacity: output)
        lowWeight = .allocate(capacity: output); highWeight = .allocate(capacity: output)
        for o in 0..<output {
            switch mode {
            case .nearest:
                let i = min(o / scale, input - 1)
                low[o] = i; high[o] = i; lowWeight[o] = 1; highWeight[o] = 0
            case .bilinear:
                let source = max(0, (Float(o) + 0.5) / Float(scale) - 0.5)
                let i0 = min(Int(source), input - 1)
                let lambda = source - Float(i0)
                low[o] = i0; high[o] = i0 < input - 1 ? i0 + 1 : i0
                lowWeight[o] = 1 - lambda; highWeight[o] = lambda
            }
        }
    }

    deinit {
        low.deallocate(); high.deallocate(); lowWeight.deallocate(); highWeight.deallocate()
    }
}

extension NN {
    /// Upsamples [N, C, H, W] by an integer `scale` to [N, C, H*scale, W*scale].
    public static func upsample(_ input: Tensor, scale: Int = 2, mode: UpsampleMode = .bilinear) throws -> Tensor {
        let (n, c, h, w) = try input.nchw("upsample input")
        guard scale >= 1 else { throw TensorError("upsample scale must be >= 1, got \(scale)") }
        let oh = try Shape.checkedProduct([h, scale], "upsample output height")
        let ow = try Shape.checkedProduct([w, scale], "upsample output width")
        let planes = n * c
        let x = try input.contiguousFloats("upsample input")
        let out = try Fresh.uninitialized([n, c, oh, ow])
        let rows = Taps(input: h, output: oh, scale: scale, mode: mode)
        let cols = Taps(input: w, output: ow, scale: scale, mode: mode)
        let source = x.floats, destination = out.floats
        Parallel.forEachChunk(planes, work: planes * oh * ow) { range in
            for p in range {
                let plane = source + p * h * w, result = destination + p * oh * ow
                for oy in 0..<oh {
                    let r0 = plane + rows.low[oy] * w, r1 = plane + rows.high[oy] * w
                    let a0 = rows.lowWeight[oy], a1 = rows.highWeight[oy]
                    let line = result + oy * ow
                    for ox in 0..<ow {
                        let x0 = cols.low[ox], x1 = cols.high[ox], b0 = cols.lowWeight[ox], b1 = cols.highWeight[ox]
                        line[ox] = a0 * (b0 * r0[x0] + b1 * r0[x1]) + a1 * (b0 * r1[x0] + b1 * r1[x1])
                    }
                }
            }
        }
        return Tensor.record(out, name: "upsample", inputs: [input]) { gradient in
            let dy = try gradient.contiguousFloats("upsample gradient")
            let dx = try Fresh.zeros(x.shape)
            let g = dy.floats, d = dx.floats
            Parallel.forEachChunk(planes, work: planes * oh * ow) { range in
                for p in range {
                    let plane = d + p * h * w, grad = g + p * oh * ow
                    for oy in 0..<oh {
                        let r0 = plane + rows.low[oy] * w, r1 = plane + rows.high[oy] * w
                        let a0 = rows.lowWeight[oy], a1 = rows.highWeight[oy]
                        let line = grad + oy * ow
                        for ox in 0..<ow {
                            let x0 = cols.low[ox], x1 = cols.high[ox], b0 = cols.lowWeight[ox], b1 = cols.highWeight[ox]
                            let v = line[ox]
                            r0[x0] += a0 * b0 * v; r0[x1] += a0 * b1 * v
                            r1[x0] += a1 * b0 * v; r1[x1] += a1 * b1 * v
                        }
                    }
                }
            }
            return [dx]
        }
    }
}

/// Upsampling by an integer factor, bilinear (align_corners=False) or nearest.
public final class Upsample: Module {
    /// The factor applied to height and width.
    public let scale: Int
    /// The interpolation.
    public let mode: UpsampleMode

    /// An upsampling layer with no parameters.
    public init(scale: Int = 2, mode: UpsampleMode = .bilinear) throws {
        guard scale >= 1 else { throw TensorError("upsample scale must be >= 1, got \(scale)") }
        self.scale = scale
        self.mode = mode
        super.init()
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try NN.upsample(x, scale: scale, mode: mode) }
}
