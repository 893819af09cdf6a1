import SegTensor
import SegRandom

/// How the U-Net's decoder doubles the spatial size.
public enum UpMode: String, Sendable {
    /// A 2x2 stride-2 transposed convolution.
    case transpose
    /// Bilinear upsampling (align_corners=False) then a 1x1 convolution.
    case bilinear
}

/// One decoder upsampling step: child `conv` is a ConvTranspose2d or a 1x1 Conv2d.
public final class Up: Module {
    /// The interpolation.
    public let mode: UpMode
    /// The transposed convolution (mode transpose) or 1x1 convolution (mode bilinear).
    public let conv: Module

    /// Halves the channels, doubles the size.
    public init(_ inChannels: Int, _ outChannels: Int, mode: UpMode, using generator: inout some RandomNumberGenerator) throws {
        self.mode = mode
        switch mode {
        case .transpose: conv = try ConvTranspose2d(inChannels, outChannels, kernel: 2, stride: 2, using: &generator)
        case .bilinear: conv = try Conv2d(inChannels, outChannels, kernel: 1, padding: 0, using: &generator)
        }
        super.init()
        registerModule("conv", conv)
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        switch mode {
        case .transpose: return try conv(x)
        case .bilinear: return try conv(NN.upsample(x, scale: 2, mode: .bilinear))
        }
    }
}

/// The U-Net of torch_unet.py, with the same parameter names and layouts:
/// `encoder.i` -> maxpool -> ... -> `bottleneck` -> `up.i`, pad and concatenate the skip,
/// `decoder.i` -> `head` (1x1). Channels are base * 2^level.
public final class UNet: Module {
    /// The configuration it was built with.
    public let inChannels: Int, classes: Int, base: Int, depth: Int, batchnorm: Bool, upMode: UpMode
    /// The encoder blocks, shallowest first.
    public let encoder: [DoubleConv]
    /// The deepest block.
    public let bottleneck: DoubleConv
    /// The upsampling steps, deepest first.
    public let up: [Up]
    /// The decoder blocks, deepest first.
    public let decoder: [DoubleConv]
    /// The 1x1 classifier.
    public let head: Conv2d

    /// A U-Net initialised from `generator` (PyTorch's module construction order).
    public init(inChannels: Int = 3, classes: Int = 12, base: Int = 16, depth: Int = 4, batchnorm: Bool = true,
                up upMode: UpMode = .transpose, using generator: inout some RandomNumberGenerator) throws {
        guard inChannels > 0, classes > 0, base > 0, depth >= 1, depth <= 12 else {
            throw TensorError("unet(in_channels: \(inChannels), classes: \(classes), base: \(base), depth: \(depth)): sizes must be positive and depth in 1...12")
        }
        self.inChannels = inChannels; self.classes = classes; self.base = base
        self.depth = depth; self.batchnorm = batchnorm; self.upMode = upMode
        let ch = (0...depth).map { base << $0 }
        encoder = try (0..<depth).map { i in
            try DoubleConv(i == 0 ? inChannels : ch[i - 1], ch[i], batchnorm: batchnorm, using: &generator)
        }
        bottleneck = try DoubleConv(ch[depth - 1], ch[depth], batchnorm: batchnorm, using: &generator)
        up = try (0..<depth).reversed().map { i in try Up(ch[i + 1], ch[i], mode: upMode, using: &generator) }
        decoder = try (0..<depth).reversed().map { i in
            try DoubleConv(2 * ch[i], ch[i], batchnorm: batchnorm, using: &generator)
        }
        head = try Conv2d(ch[0], classes, kernel: 1, padding: 0, using: &generator)
        super.init()
        registerModule("encoder", Sequential(encoder))
        registerModule("bottleneck", bottleneck)
        registerModule("up", Sequential(up))
        registerModule("decoder", Sequential(decoder))
        registerModule("head", head)
    }

    /// Same, seeded.
    public convenience init(inChannels: Int = 3, classes: Int = 12, base: Int = 16, depth: Int = 4, batchnorm: Bool = true,
                            up upMode: UpMode = .transpose, seed: UInt64 = 0) throws {
        var generator = SplitMix64(seed: seed)
        try self.init(inChannels: inChannels, classes: classes, base: base, depth: depth, batchnorm: batchnorm,
                      up: upMode, using: &generator)
    }

    /// Same, drawing the initial weights from a SegTensor random stream.
    public convenience init(inChannels: Int = 3, classes: Int = 12, base: Int = 16, depth: Int = 4, batchnorm: Bool = true,
                            up upMode: UpMode = .transpose, stream: RandomStream) throws {
        var generator = StreamGenerator(stream)
        try self.init(inChannels: inChannels, classes: classes, base: base, depth: depth, batchnorm: batchnorm,
                      up: upMode, using: &generator)
    }

    public override func forward(_ input: Tensor) throws -> Tensor {
        let (_, c, h, w) = try input.nchw("unet input")
        guard c == inChannels else {
            throw TensorError("unet expects \(inChannels) input channels, got input \(input.shape)")
        }
        guard h >> (depth - 1) >= 2, w >> (depth - 1) >= 2 else {
            throw TensorError("unet of depth \(depth) needs inputs of at least \(2 << (depth - 1)) pixels per side, got \(input.shape)")
        }
        var x = input
        var skips: [Tensor] = []
        for block in encoder {
            x = try block(x)
            skips.append(x)
            x = try NN.maxPool2d(x, kernel: 2)
        }
        x = try bottleneck(x)
        for (step, (upStep, block)) in zip(up, decoder).enumerated() {
            x = try block(NN.skipConcat(skip: skips[depth - 1 - step], upsampled: upStep(x)))
        }
        return try head(x)
    }
}
