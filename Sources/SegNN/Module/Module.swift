import SegTensor

/// The base class of every layer and model: a callable object that owns named parameters,
/// buffers and child modules.
///
/// Names follow PyTorch's `state_dict` keys: a module's own parameters, then its own buffers,
/// then each child's entries under `childName.`. Subclasses register what they own in `init` and
/// override `forward`.
open class Module {
    /// True in training mode (batch statistics, dropout on); false after `eval()`.
    public private(set) var isTraining = true
    private var ownParameters: [(name: String, tensor: Tensor)] = []
    private var ownBuffers: [(name: String, tensor: Tensor)] = []
    private var ownChildren: [(name: String, module: Module)] = []

    /// Makes an empty module; subclasses register their parameters, buffers and children.
    public init() {}

    /// The layer's computation. Subclasses override this.
    open func forward(_ x: Tensor) throws -> Tensor {
        throw TensorError("\(typeName) does not define forward")
    }

    /// Applies the layer: `layer(x)`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor { try forward(x) }

    /// The layer's type name, as shown in errors and summaries ("Conv2d", "UNet").
    open var typeName: String { String(describing: type(of: self)) }

    /// Registers a trainable tensor under `name`; it is marked as requiring gradients.
    @discardableResult
    public func registerParameter(_ name: String, _ tensor: Tensor) -> Tensor {
        tensor.requiresGrad = true
        ownParameters.append((name, tensor))
        return tensor
    }

    /// Registers a non-trainable tensor saved with the weights (batch-norm running statistics).
    @discardableResult
    public func registerBuffer(_ name: String, _ tensor: Tensor) -> Tensor {
        ownBuffers.append((name, tensor))
        return tensor
    }

    /// Registers a child module whose entries appear under `name.`.
    @discardableResult
    public func registerModule<M: Module>(_ name: String, _ module: M) -> M {
        ownChildren.append((name, module))
        return module
    }

    /// Child modules with their names, in registration order.
    public var namedChildren: [(name: String, module: Module)] { ownChildren }

    /// Every trainable tensor with its dotted name, in PyTorch's `named_parameters()` order.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        collect(prefix: "", parameters: true, buffers: false, into: &result)
        return result
    }

    /// Every trainable tensor, in `namedParameters()` order.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Every buffer with its dotted name.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        collect(prefix: "", parameters: false, buffers: true, into: &result)
        return result
    }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Parameters and buffers with their dotted names, in PyTorch's `state_dict()` order.
    /// The tensors are the live ones, not copies.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        collect(prefix: "", parameters: true, buffers: true, into: &result)
        return result
    }

    private func collect(prefix: String, parameters: Bool, buffers: Bool, into result: inout [(name: String, tensor: Tensor)]) {
        if parameters { for (name, tensor) in ownParameters { result.append((prefix + name, tensor)) } }
        if buffers { for (name, tensor) in ownBuffers { result.append((prefix + name, tensor)) } }
        for (name, child) in ownChildren {
            child.collect(prefix: prefix + name + ".", parameters: parameters, buffers: buffers, into: &result)
        }
    }

    /// Switches this module and every descendant to training (true) or evaluation (false) mode.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in ownChildren { child.train(on) }
    }

    /// Switches to evaluation mode: running statistics, no dropout.
    public func eval() { train(false) }

    /// Changes whenever any parameter or buffer is written (optimizer step, running-statistics
    /// update, load), so a cache can tell that a model it saw earlier was mutated.
    public var version: Int {
        stateDict().reduce(0) { $0 &+ $1.tensor.version }
    }

    /// Clears the gradients of every parameter (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        for parameter in parameters() { parameter.grad = nil }
    }
}
