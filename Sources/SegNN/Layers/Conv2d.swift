import SegTensor
import SegRandom

extension NN {
    /// 2-D convolution of `input` [N, Cin, H, W] with `weight` [Cout, Cin, k, k] (PyTorch's OIHW),
    /// optional `bias` [Cout], square stride and zero padding. Records its gradient.
    public static func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) throws -> Tensor {
        try convolve(input, weight: weight, bias: bias, stride: stride, padding: padding, epilogue: nil)
    }

    /// Inference without a graph: the convolution followed by a per-channel affine map (+ ReLU)
    /// applied to each image as soon as it is computed. Records nothing, so callers use it only
    /// when no gradient is wanted.
    static func conv2dThenAffine(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int,
                                 affine: ChannelAffine) throws -> Tensor {
        try convolve(input, weight: weight, bias: bias, stride: stride, padding: padding, epilogue: affine)
    }

    private static func convolve(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int,
                                 epilogue: ChannelAffine?) throws -> Tensor {
        let (n, cin, h, w) = try input.nchw("conv2d input")
        guard weight.rank == 4, weight.shape[1] == cin, weight.shape[2] == weight.shape[3] else {
            throw TensorError("conv2d weight must be [Cout, \(cin), k, k] for input \(input.shape), got \(weight.shape)")
        }
        let cout = weight.shape[0]
        if let bias, bias.shape != [cout] {
            throw TensorError("conv2d bias must be [\(cout)], got \(bias.shape)")
        }
        let g = try ConvGeometry(channels: cin, height: h, width: w, kernel: weight.shape[2], stride: stride, padding: padding)
        let x = try input.contiguousFloats("conv2d input"), wt = try weight.contiguousFloats("conv2d weight")
        let b = try bias?.contiguousFloats("conv2d bias")
        let out = try Fresh.uninitialized([n, cout, g.outHeight, g.outWidth])
        // The direct convolution's multiply-adds, whatever algorithm computes them.
        let flops = 2.0 * Double(n * cout * g.columnRows * g.outPixels)
        try ConvProfile.measure(ConvProfile.name("conv", g, cin, cout), flops: flops, backward: false) {
            try ConvKernels.convForward(x: x.floats, batch: n, g: g, weight: wt.floats, outChannels: cout,
                                        bias: b.map { UnsafePointer($0.floats) }, out: out.floats, epilogue: epilogue)
        }
        if epilogue != nil { return out }
        var inputs = [input, weight]
        if let bias { inputs.append(bias) }
        let needInput = input.requiresGrad, needWeight = weight.requiresGrad, needBias = bias?.requiresGrad ?? false
        return Tensor.record(out, name: "conv2d", inputs: inputs) { gradient in
            let dy = try gradient.contiguousFloats("conv2d gradient")
            let dx = needInput ? try Fresh.uninitialized(x.shape) : nil
            let dw = needWeight ? try Fresh.zeros(wt.shape) : nil
            try ConvProfile.measure(ConvProfile.name("conv", g, cin, cout), flops: flops * Double((dx == nil ? 0 : 1) + (dw == nil ? 0 : 1)), backward: true) {
                try ConvKernels.convBackward(x: x.floats, batch: n, g: g, weight: wt.floats, outChannels: cout,
                                             gradOut: dy.floats, gradInput: dx?.floats, gradWeight: dw?.floats)
            }
            var grads: [Tensor?] = [dx, dw]
            if b != nil {
                let db = needBias ? try Fresh.uninitialized([cout]) : nil
                if let db { ConvKernels.biasGradient(dy.floats, batch: n, channels: cout, pixels: g.outPixels, into: db.floats) }
                grads.append(db)
            }
            return grads
        }
    }
}

/// A 2-D convolution layer with PyTorch's parameter names (`weight` OIHW, `bias`) and default
/// initialisation.
public final class Conv2d: Module {
    /// [outChannels, inChannels, kernel, kernel].
    public let weight: Tensor
    /// [outChannels], or nil when built with `bias: false`.
    public let bias: Tensor?
    /// Step between kernel applications.
    public let stride: Int
    /// Zero padding on every side.
    public let padding: Int

    /// A convolution initialised as torch.nn.Conv2d does (uniform in ±1/sqrt(fan_in)).
    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1,
                bias: Bool = true, using generator: inout some RandomNumberGenerator) throws {
        guard inChannels > 0, outChannels > 0, kernel > 0, stride > 0, padding >= 0 else {
            throw TensorError("conv2d(\(inChannels), \(outChannels), kernel: \(kernel), stride: \(stride), padding: \(padding)): sizes must be positive")
        }
        let fanIn = inChannels * kernel * kernel
        weight = try WeightInit.uniform([outChannels, inChannels, kernel, kernel], fanIn: fanIn, using: &generator)
        self.bias = bias ? try WeightInit.uniform([outChannels], fanIn: fanIn, using: &generator) : nil
        self.stride = stride
        self.padding = padding
        super.init()
        registerParameter("weight", weight)
        if let b = self.bias { registerParameter("bias", b) }
    }

    /// Same, seeded.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1,
                            bias: Bool = true, seed: UInt64 = 0) throws {
        var generator = SplitMix64(seed: seed)
        try self.init(inChannels, outChannels, kernel: kernel, stride: stride, padding: padding, bias: bias, using: &generator)
    }

    /// Same, drawing from a SegTensor random stream.
    public convenience init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, stride: Int = 1, padding: Int = 1,
                            bias: Bool = true, stream: RandomStream) throws {
        var generator = StreamGenerator(stream)
        try self.init(inChannels, outChannels, kernel: kernel, stride: stride, padding: padding, bias: bias, using: &generator)
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        try NN.conv2d(x, weight: weight, bias: bias, stride: stride, padding: padding)
    }
}
