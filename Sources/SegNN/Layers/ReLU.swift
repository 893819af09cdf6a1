import SegTensor

extension NN {
    /// max(0, x) as a layer kernel (the U-Net fuses it into batch norm; this is the standalone
    /// form for `nn.relu()` and the convolutions without batch norm).
    public static func relu(_ input: Tensor) throws -> Tensor {
        let x = try input.contiguousFloats("relu input")
        let out = try Fresh.uninitialized(input.shape)
        let source = x.floats, destination = out.floats, count = x.count
        Parallel.forEachChunk(count, work: count) { range in
            for i in range { destination[i] = max(0, source[i]) }
        }
        return Tensor.record(out, name: "relu", inputs: [input]) { gradient in
            let dy = try gradient.contiguousFloats("relu gradient")
            let dx = try Fresh.uninitialized(x.shape)
            let g = dy.floats, d = dx.floats, source = x.floats
            Parallel.forEachChunk(count, work: count) { range in
                for i in range { d[i] = source[i] > 0 ? g[i] : 0 }
            }
            return [dx]
        }
    }
}

/// The rectifier layer, max(0, x).
public final class ReLU: Module {
    /// A ReLU; it has no parameters.
    public override init() { super.init() }

    public override func forward(_ x: Tensor) throws -> Tensor { try NN.relu(x) }
}
