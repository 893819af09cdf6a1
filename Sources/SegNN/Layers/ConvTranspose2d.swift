import SegTensor
import SegRandom

extension NN {
    /// Transposed 2-D convolution of `input` [N, Cin, H, W] with `weight` [Cin, Cout, k, k]
    /// (PyTorch's layout), optional `bias` [Cout] and square stride, no padding: the output is
    /// [N, Cout, (H-1)*stride + k, (W-1)*stride + k]. Records its gradient.
    public static func convTranspose2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1) throws -> Tensor {
        let (n, cin, h, w) = try input.nchw("conv_transpose2d input")
        guard weight.rank == 4, weight.shape[0] == cin, weight.shape[2] == weight.shape[3] else {
            throw TensorError("conv_transpose2d weight must be [\(cin), Cout, k, k] for input \(input.shape), got \(weight.shape)")
        }
        let cout = weight.shape[1], k = weight.shape[2]
        if let bias, bias.shape != [cout] {
            throw TensorError("conv_transpose2d bias must be [\(cout)], got \(bias.shape)")
        }
        guard stride >= 1 else { throw TensorError("conv_transpose2d stride must be >= 1, got \(stride)") }
        let outH = (h - 1) * stride + k, outW = (w - 1) * stride + k
        // The adjoint convolution maps the [Cout, outH, outW] output back to [Cin, H, W].
        let g = try ConvGeometry(channels: cout, height: outH, width: outW, kernel: k, stride: stride, padding: 0)
        let x = try input.contiguousFloats("conv_transpose2d input"), wt = try weight.contiguousFloats("conv_transpose2d weight")
        let b = try bias?.contiguousFloats("conv_transpose2d bias")
        let out = try Fresh.uninitialized([n, cout, outH, outW])
        let flops = 2.0 * Double(n * cin * cout * k * k * h * w)
        try ConvProfile.measure(ConvProfile.name("transposed", g, cin, cout, height: h, width: w), flops: flops, backward: false) {
            try ConvKernels.transposedForward(x: x.floats, batch: n, inChannels: cin, g: g, weight: wt.floats,
                                              bias: b.map { UnsafePointer($0.floats) }, out: out.floats)
        }
        var inputs = [input, weight]
        if let bias { inputs.append(bias) }
        let needInput = input.requiresGrad, needWeight = weight.requiresGrad, needBias = bias?.requiresGrad ?? false
        return Tensor.record(out, name: "conv_transpose2d", inputs: inputs) { gradient in
            let dy = try gradient.contiguousFloats("conv_transpose2d gradient")
            let dx = needInput ? try Fresh.uninitialized(x.shape) : nil
            let dw = needWeight ? try Fresh.zeros(wt.shape) : nil
            try ConvProfile.measure(ConvProfile.name("transposed", g, cin, cout, height: h, width: w), flops: flops * Double((dx == nil ? 0 : 1) + (dw == nil ? 0 : 1)), backward: true) {
                try ConvKernels.transposedBackward(x: x.floats, batch: n, inChannels: cin, g: g, weight: wt.floats,
                                                   gradOut: dy.floats, gradInput: dx?.floats, gradWeight: dw?.floats)
            }
            var grads: [Tensor?] = [dx, dw]
            if b != nil {
                let db = needBias ? try Fresh.uninitialized([cout]) : nil
                if let db { ConvKernels.biasGradient(dy.floats, batch: n, channels: cout, pixels: outH * outW, into: db.floats) }
                grads.append(db)
            }
            return grads
        }
    }
}

/// A transposed convolution layer with PyTorch's names and layout (`weight` [Cin, Cout, k, k], `bias`).
public final class ConvTranspose2d: Module {
    /// [inChannels, outChannels, kernel, kernel].
    public let weight: Tensor
    /// [outChannels], or nil when built with `bias: false`.
    public let bias: Tensor?
    /// Upsampling step.
    public let stride: Int

    /// Initialised as torch.nn.ConvTranspose2d does (fan-in from dimension 1: Cout * k * k).
    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 2, stride: Int = 2, bias: Bool = true,
                using generator: inout some RandomNumberGenerator) throws {
        guard inChannels > 0, outChannels > 0, kernel > 0, stride > 0 else {
            throw TensorError("conv_transpose2d(\(inChannels), \(outChannels), kernel: \(kernel), stride: \(stride)): sizes must be positive")
        }
        let fanIn = outChannels * kernel * kernel
        weight = try WeightInit.uniform([inChannels, outChannels, kernel, kernel], fanIn: fanIn, using: &generator)
        self.bias = bias ? try WeightInit.uniform([outChannels], fanIn: fanIn, using: &generator) : nil
        self.stride = stride
        super.init()
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    /// Same, seeded.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 2, stride: Int = 2, bias: Bool = true,
                            seed: UInt64 = 0) throws {
        var generator = SplitMix64(seed: seed)
        try self.init(inChannels, outChannels, kernel: kernel, stride: stride, bias: bias, using: &generator)
    }

    /// Same, drawing from a SegTensor random stream.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 2, stride: Int = 2, bias: Bool = true,
                            stream: RandomStream) throws {
        var generator = StreamGenerator(stream)
        try self.init(inChannels, outChannels, kernel: kernel, stride: stride, bias: bias, using: &generator)
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        try NN.convTranspose2d(x, weight: weight, bias: bias, stride: stride)
    }
}
