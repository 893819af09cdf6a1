import SegTensor

/// PyTorch's default initialisation of convolution weights and biases.
enum WeightInit {
    /// Uniform in [-1/sqrt(fanIn), 1/sqrt(fanIn)]: what kaiming_uniform_(a=sqrt(5)) reduces to,
    /// and the bias rule of torch.nn.Conv2d.
    static func uniform(_ shape: [Int], fanIn: Int, using generator: inout some RandomNumberGenerator) throws -> Tensor {
        let tensor = try Fresh.uninitialized(shape)
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        let values = tensor.floats
        for i in 0..<tensor.count {
            // 24 random bits give a uniform float in [0, 1) identically on every platform.
            let unit = Float(generator.next() >> 40) * (1 / Float(1 << 24))
            values[i] = (unit * 2 - 1) * bound
        }
        return tensor
    }

    /// A float32 tensor filled with `value`.
    static func filled(_ shape: [Int], _ value: Float) throws -> Tensor {
        let tensor = try Fresh.uninitialized(shape)
        tensor.floats.update(repeating: value, count: tensor.count)
        return tensor
    }
}

/// Adapts SegTensor's splittable `RandomStream` (what the language's `seed()` and per-cell streams
/// hand out) to Swift's generator protocol, so layers can be initialised from it.
public struct StreamGenerator: RandomNumberGenerator {
    /// The stream the bits come from; it advances as weights are drawn.
    public let stream: RandomStream

    /// Draws from `stream`.
    public init(_ stream: RandomStream) { self.stream = stream }

    /// The stream's next 64 bits.
    public mutating func next() -> UInt64 { stream.nextUInt64() }
}
