import SegTensor

extension NN {
    /// Zeroes each element with probability `p` and scales the rest by 1/(1-p); `generator`
    /// supplies the mask so runs are reproducible.
    public static func dropout(_ input: Tensor, p: Float, using generator: inout some RandomNumberGenerator) throws -> Tensor {
        guard p >= 0, p < 1 else { throw TensorError("dropout probability must be in [0, 1), got \(p)") }
        let x = try input.contiguousFloats("dropout input")
        let mask = try Fresh.uninitialized(input.shape)
        let keep = 1 / (1 - p), m = mask.floats
        for i in 0..<x.count {
            let unit = Float(generator.next() >> 40) * (1 / Float(1 << 24))
            m[i] = unit < p ? 0 : keep
        }
        let out = try Fresh.uninitialized(input.shape)
        let source = x.floats, destination = out.floats
        for i in 0..<x.count { destination[i] = source[i] * m[i] }
        return Tensor.record(out, name: "dropout", inputs: [input]) { gradient in
            let dy = try gradient.contiguousFloats("dropout gradient")
            let dx = try Fresh.uninitialized(x.shape)
            let keptScale = mask.floats
            for i in 0..<x.count { dx.floats[i] = dy.floats[i] * keptScale[i] }
            return [dx]
        }
    }
}

/// Dropout: active in training mode only, seeded so that a run is reproducible.
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public let p: Float
    private var generator: StreamGenerator

    /// A dropout layer drawing its masks from `stream` (a seeded SegTensor stream).
    public init(_ p: Float = 0.5, stream: RandomStream) throws {
        guard p >= 0, p < 1 else { throw TensorError("dropout probability must be in [0, 1), got \(p)") }
        self.p = p
        generator = StreamGenerator(stream)
        super.init()
    }

    /// Same, from a fresh stream for `seed`.
    public convenience init(_ p: Float = 0.5, seed: UInt64 = 0) throws {
        try self.init(p, stream: RandomStream(seed: seed))
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        guard isTraining, p > 0 else { return x }
        return try NN.dropout(x, p: p, using: &generator)
    }
}
