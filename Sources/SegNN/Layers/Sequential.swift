import SegTensor

/// Layers applied in order; children are named "0", "1", ... as in torch.nn.Sequential.
public final class Sequential: Module {
    /// The layers, in order.
    public let layers: [Module]

    /// A sequence of `layers`.
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        for (index, layer) in layers.enumerated() { registerModule(String(index), layer) }
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        var value = x
        for layer in layers { value = try layer(value) }
        return value
    }
}
