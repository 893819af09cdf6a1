import SegTensor

extension NN {
    /// Max pooling with a square window and stride equal to the window (PyTorch's default),
    /// floor mode: trailing rows/columns that do not fill a window are dropped.
    public static func maxPool2d(_ input: Tensor, kernel: Int = 2) throws -> Tensor {
        let (n, c, h, w) = try input.nchw("maxpool2d input")
        guard kernel >= 1, h >= kernel, w >= kernel else {
            throw TensorError("maxpool2d(\(kernel)) needs a kernel >= 1 no larger than the input, got input \(input.shape)")
        }
        let oh = h / kernel, ow = w / kernel, planes = n * c
        let x = try input.contiguousFloats("maxpool2d input")
        let out = try Fresh.uninitialized([n, c, oh, ow])
        // The winning input offset of each output, so the backward pass is a scatter.
        let winners = try Tensor(shape: [n, c, oh, ow], dtype: .int32, zeroed: false)
        let source = x.floats, destination = out.floats, index = winners.pointer(as: Int32.self)
        Parallel.forEachChunk(planes, work: n * c * h * w) { range in
            if kernel == 2 {
                pool2x2(source, destination, index, planes: range, height: h, width: w)
                return
            }
            for p in range {
                let plane = source + p * h * w
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var best = -Float.infinity, bestOffset = (oy * kernel) * w + ox * kernel
                        for ky in 0..<kernel {
                            let row = (oy * kernel + ky) * w + ox * kernel
                            for kx in 0..<kernel where !best.isNaN && (plane[row + kx] > best || plane[row + kx].isNaN) {
                                best = plane[row + kx]
                                bestOffset = row + kx
                            }
                        }
                        let o = (p * oh + oy) * ow + ox
                        destination[o] = best
                        index[o] = Int32(bestOffset)
                    }
                }
            }
        }
        return Tensor.record(out, name: "maxpool2d", inputs: [input]) { gradient in
            let dy = try gradient.contiguousFloats("maxpool2d gradient")
            let dx = try Fresh.zeros(x.shape)
            let g = dy.floats, d = dx.floats, index = winners.pointer(as: Int32.self)
            Parallel.forEachChunk(planes, work: n * c * h * w) { range in
                for p in range {
                    let plane = d + p * h * w
                    for o in (p * oh * ow)..<((p + 1) * oh * ow) { plane[Int(index[o])] += g[o] }
                }
            }
            return [dx]
        }
    }
}

extension NN {
    /// The 2x2 windows of `planes` (the U-Net's pools): the same result and winners as the general
    /// loop (the first largest value in row-major order, a NaN winning as soon as it is met), with
    /// the four candidates compared without loops so that the comparisons become selects.
    @inline(__always)
    static func pool2x2(_ source: UnsafeMutablePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                        _ index: UnsafeMutablePointer<Int32>, planes: Range<Int>, height h: Int, width w: Int) {
        let oh = h / 2, ow = w / 2
        @inline(__always) func take(_ best: inout Float, _ offset: inout Int, _ value: Float, _ at: Int) {
            if !best.isNaN && (value > best || value.isNaN) { best = value; offset = at }
        }
        for p in planes {
            let plane = source + p * h * w
            var o = p * oh * ow
            for oy in 0..<oh {
                let top = 2 * oy * w, bottom = top + w
                for ox in 0..<ow {
                    let left = 2 * ox
                    var best = plane[top + left], offset = top + left
                    take(&best, &offset, plane[top + left + 1], top + left + 1)
                    take(&best, &offset, plane[bottom + left], bottom + left)
                    take(&best, &offset, plane[bottom + left + 1], bottom + left + 1)
                    destination[o] = best
                    index[o] = Int32(truncatingIfNeeded: offset)
                    o += 1
                }
            }
        }
    }
}

/// Max pooling over square windows with stride equal to the window.
public final class MaxPool2d: Module {
    /// The window size (and stride).
    public let kernel: Int

    /// A pool over `kernel` x `kernel` windows.
    public init(_ kernel: Int = 2) throws {
        guard kernel >= 1 else { throw TensorError("maxpool2d kernel must be >= 1, got \(kernel)") }
        self.kernel = kernel
        super.init()
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try NN.maxPool2d(x, kernel: kernel) }
}
