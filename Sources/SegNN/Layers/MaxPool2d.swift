import CNNKernels
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
        // The winning input offset of each output, so that the backward pass is a scatter; not
        // kept when no gradient will flow (inference), where the 2x2 kernel then skips it.
        let recordsWinners = GradMode.isEnabled && input.requiresGrad
        let winners = recordsWinners ? try Tensor(shape: [n, c, oh, ow], dtype: .int32, zeroed: false) : nil
        let source = x.floats, destination = out.floats, index = winners?.pointer(as: Int32.self)
        // The C kernel's sizes and offsets are 32-bit (so are the winners).
        let vectorKernel = kernel == 2 && planes < Int(Int32.max) && h * w < Int(Int32.max)
        Parallel.forEachChunk(planes, work: n * c * h * w) { range in
            if vectorKernel {
                // The U-Net's pools: the vector kernel of CNNKernels, same semantics as below.
                segnb_max_pool_2x2(VectorKernels.level, source, destination, index,
                                   Int32(range.lowerBound), Int32(range.upperBound), Int32(h), Int32(w))
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
                        index?[o] = Int32(bestOffset)
                    }
                }
            }
        }
        guard let winners else { return out }
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
