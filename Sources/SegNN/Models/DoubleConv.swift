import SegTensor

/// Two 3x3 same-padding convolutions, each followed by batch norm (optional) and ReLU; children
/// `conv1`, `bn1`, `conv2`, `bn2` as in torch_unet.py (the convolutions have a bias only without
/// batch norm).
public final class DoubleConv: Module {
    /// The first convolution, inChannels -> outChannels.
    public let conv1: Conv2d
    /// Its batch norm, when enabled.
    public let bn1: BatchNorm2d?
    /// The second convolution, outChannels -> outChannels.
    public let conv2: Conv2d
    /// Its batch norm, when enabled.
    public let bn2: BatchNorm2d?

    /// The block, initialised from `generator` in PyTorch's construction order.
    public init(_ inChannels: Int, _ outChannels: Int, batchnorm: Bool, using generator: inout some RandomNumberGenerator) throws {
        conv1 = try Conv2d(inChannels, outChannels, kernel: 3, padding: 1, bias: !batchnorm, using: &generator)
        bn1 = batchnorm ? try BatchNorm2d(outChannels) : nil
        conv2 = try Conv2d(outChannels, outChannels, kernel: 3, padding: 1, bias: !batchnorm, using: &generator)
        bn2 = batchnorm ? try BatchNorm2d(outChannels) : nil
        super.init()
        registerModule("conv1", conv1)
        if let bn1 { registerModule("bn1", bn1) }
        registerModule("conv2", conv2)
        if let bn2 { registerModule("bn2", bn2) }
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        let first = try convolved(x, conv1, bn1)
        return try convolved(first, conv2, bn2)
    }

    /// conv -> bn -> ReLU; in plain inference the batch norm and ReLU run on each image's
    /// convolution output while it is still in cache, instead of a second pass over the batch.
    private func convolved(_ x: Tensor, _ conv: Conv2d, _ bn: BatchNorm2d?) throws -> Tensor {
        if let bn, bn.isPlainInference(for: x), !(GradMode.isEnabled && (conv.weight.requiresGrad || conv.bias?.requiresGrad == true)) {
            return try NN.conv2dThenAffine(x, weight: conv.weight, bias: conv.bias, stride: conv.stride, padding: conv.padding,
                                           affine: bn.evaluationAffine(relu: true))
        }
        return try normalized(conv(x), bn)
    }

    private func normalized(_ x: Tensor, _ bn: BatchNorm2d?) throws -> Tensor {
        // x is this block's fresh convolution output, so inference may normalise it in place.
        if let bn { return try bn.forward(x, relu: true, inPlace: true) }
        return try NN.relu(x)
    }
}
