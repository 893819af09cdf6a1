/// One recorded operation in the autograd graph.
///
/// `backward` maps the gradient of the op's output to the gradients of its `inputs` (nil for an
/// input that needs none). Closures capture what they need (saved activations); the engine drops
/// the closure and the inputs after use so the graph's memory is released by `backward()`.
public final class GradNode {
    /// The op's name, for error messages and debugging.
    public let name: String
    /// The tensors the op read, in the order `backward` returns their gradients.
    public internal(set) var inputs: [Tensor]
    /// Output gradient -> input gradients.
    public internal(set) var backward: ((Tensor) throws -> [Tensor?])?

    public init(name: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }

    /// Drops saved activations and graph edges.
    func release() {
        inputs = []
        backward = nil
    }
}

extension Tensor {
    /// Attaches a graph node to `output` when recording is on and any input requires gradients;
    /// returns `output` either way. Every differentiable op ends with this call.
    @discardableResult
    public static func record(_ output: Tensor, name: String, inputs: [Tensor],
                              backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return output }
        output.requiresGrad = true
        output.gradNode = GradNode(name: name, inputs: inputs, backward: backward)
        return output
    }

    /// True for a tensor that requires gradients and was not produced by a recorded op.
    public var isLeaf: Bool { gradNode == nil }

    /// A tensor sharing this one's memory but cut from the graph.
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset, dtype: dtype)
    }
}
