import SegTensor

/// The common part of SGD, Adam and AdamW: the parameters, the learning rate, per-parameter
/// state tensors and step counts (exposed so a cache can store and restore an optimizer).
open class Optimizer {
    /// The tensors updated by `step()`, in the order given.
    public let parameters: [Tensor]
    /// The learning rate used by the next `step()`; schedules set it.
    public var lr: Float
    /// Steps taken by each parameter (a parameter without a gradient is skipped, as in PyTorch).
    public internal(set) var steps: [Int]
    /// Per-parameter state tensors by name ("momentum_buffer", "exp_avg", "exp_avg_sq").
    public internal(set) var state: [[String: Tensor]]
    /// Data-parallel runs: whether rank 0's parameters were broadcast yet, and the buffer the
    /// gradients are averaged in (see Optimizer+DataParallel.swift).
    var parametersBroadcast = false
    var averagedGradients: [Float] = []

    /// An optimizer over `parameters` (float32 tensors) with learning rate `lr`.
    public init(parameters: [Tensor], lr: Float) throws {
        guard lr >= 0, lr.isFinite else { throw TensorError("learning rate must be a finite number >= 0, got \(lr)") }
        for (index, parameter) in parameters.enumerated() {
            guard parameter.dtype == .float32, parameter.isContiguous else {
                throw TensorError("optimizer parameter \(index) must be a contiguous float32 tensor, got \(parameter.dtype) \(parameter.shape)")
            }
        }
        self.parameters = parameters
        self.lr = lr
        steps = Array(repeating: 0, count: parameters.count)
        state = Array(repeating: [:], count: parameters.count)
    }

    /// The momentum a one-cycle schedule cycles: SGD's momentum or Adam's beta1 (nil when the
    /// optimizer has none to cycle).
    open var cycledMomentum: Float? {
        get { nil }
        set {}
    }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = nil }
    }

    /// Applies one update to every parameter that has a gradient; with several ranks, to the
    /// gradients averaged over the ranks (rank 0's parameters broadcast first, on the first step).
    public func step() throws {
        if Distributed.size > 1 {
            try dataParallelStep()
            return
        }
        for (index, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else { continue }
            guard grad.shape == parameter.shape else {
                throw TensorError("gradient of parameter \(index) has shape \(grad.shape), expected \(parameter.shape)")
            }
            let g = try grad.contiguousFloats("gradient of parameter \(index)")
            steps[index] += 1
            try update(index: index, parameter: parameter.floats, gradient: g.floats, count: parameter.count)
            parameter.storage.markMutated()
        }
    }

    /// The rule for one parameter; subclasses override.
    open func update(index: Int, parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int) throws {
        throw TensorError("\(type(of: self)) does not define an update rule")
    }

    /// A zero state tensor named `name` for parameter `index`, made on first use.
    func stateBuffer(_ name: String, index: Int) throws -> UnsafeMutablePointer<Float> {
        if let existing = state[index][name] { return existing.floats }
        let fresh = try Fresh.zeros(parameters[index].shape)
        state[index][name] = fresh
        return fresh.floats
    }

    /// Every state tensor as "<parameter index>.<name>", plus "<index>.step" (int32 [1]).
    public func stateDict() throws -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        for index in parameters.indices {
            result.append(("\(index).step", try Tensor(int32: [Int32(clamping: steps[index])], shape: [1])))
            for name in state[index].keys.sorted() {
                if let tensor = state[index][name] { result.append(("\(index).\(name)", tensor)) }
            }
        }
        return result
    }

    /// Restores what `stateDict()` gave (copies, so the source can be reused).
    public func load(stateDict entries: [String: Tensor]) throws {
        var newSteps = Array(repeating: 0, count: parameters.count)
        var newState: [[String: Tensor]] = Array(repeating: [:], count: parameters.count)
        for (key, tensor) in entries {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let index = Int(parts[0]), parameters.indices.contains(index) else {
                throw TensorError("optimizer state key \"\(key)\" does not name one of \(parameters.count) parameters")
            }
            if parts[1] == "step" {
                guard tensor.dtype == .int32, tensor.count == 1 else {
                    throw TensorError("optimizer state \"\(key)\" must be one int32 value, got \(tensor.dtype) \(tensor.shape)")
                }
                newSteps[index] = Int(try tensor.contiguous().pointer(as: Int32.self).pointee)
            } else {
                guard tensor.shape == parameters[index].shape, tensor.dtype == .float32 else {
                    throw TensorError("optimizer state \"\(key)\" has \(tensor.dtype) \(tensor.shape), expected float32 \(parameters[index].shape)")
                }
                let copy = try Fresh.uninitialized(tensor.shape)
                copy.floats.update(from: try tensor.contiguous().floats, count: tensor.count)
                newState[index][parts[1]] = copy
            }
        }
        steps = newSteps
        state = newState
    }
}
