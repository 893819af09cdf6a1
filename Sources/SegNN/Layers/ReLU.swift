import SegTensor

extension NN {
    /// max(0, x): SegTensor's elementwise ReLU (the U-Net fuses ReLU into batch norm; this is
    /// the standalone form for `nn.relu()` and the convolutions without batch norm).
    public static func relu(_ input: Tensor) throws -> Tensor { try input.relu() }
}

/// The rectifier layer, max(0, x).
public final class ReLU: Module {
    /// A ReLU; it has no parameters.
    public override init() { super.init() }

    public override func forward(_ x: Tensor) throws -> Tensor { try NN.relu(x) }
}
