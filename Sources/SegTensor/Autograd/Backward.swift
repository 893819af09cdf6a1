/// The reverse-mode engine: walks the graph from a tensor in reverse topological order.
extension Tensor {
    /// Back-propagates from this tensor. Without `gradient` the tensor must hold one element
    /// (a loss); gradients accumulate into `.grad` of every leaf that requires them, and the graph
    /// (with its saved activations) is released afterwards: a second call through it is an error.
    public func backward(gradient: Tensor? = nil) throws {
        guard requiresGrad else {
            throw TensorError("backward() on a tensor that does not require gradients")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                throw TensorError("backward(gradient:) got shape \(gradient.shape), expected \(shape)")
            }
            seed = gradient
        } else {
            guard count == 1 else {
                throw TensorError("backward() needs a single-element tensor, got shape \(shape); pass gradient:")
            }
            seed = try Tensor([1], shape: shape)
        }
        try GradMode.withoutGrad {
            let order = topologicalOrder()
            var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
            for tensor in order {
                guard let outputGradient = pending.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
                guard let node = tensor.gradNode else {
                    try tensor.accumulateGrad(outputGradient)
                    continue
                }
                guard let rule = node.backward else {
                    throw TensorError("Trying to backward through the graph a second time: \(node.name)'s saved values were freed by the first backward(); run the forward pass again")
                }
                let inputGradients = try rule(outputGradient)
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    guard let inputGradient, input.requiresGrad else { continue }
                    guard inputGradient.shape == input.shape else {
                        throw TensorError("internal: \(node.name) backward gave shape \(inputGradient.shape) for input \(input.shape)")
                    }
                    let key = ObjectIdentifier(input)
                    if let existing = pending[key] {
                        pending[key] = try GradAccumulation.sum(existing, inputGradient)
                    } else {
                        pending[key] = inputGradient
                    }
                }
            }
            // The emptied nodes stay, so a second backward() through them is an error (as in
            // PyTorch) instead of treating the output as a leaf and silently doing nothing.
            for tensor in order { tensor.gradNode?.release() }
        }
    }

    /// Adds a gradient into `.grad` (leaves only).
    func accumulateGrad(_ gradient: Tensor) throws {
        if let grad {
            self.grad = try GradAccumulation.sum(grad, gradient)
        } else {
            // Own the memory: the incoming gradient may alias saved tensors of the graph.
            let copy = try Tensor(shape: gradient.shape, dtype: gradient.dtype, zeroed: false)
            StridedCopy.copy(from: gradient, into: copy)
            self.grad = copy
        }
    }

    /// Tensors reachable from `self` through graph nodes, each after every tensor that uses it.
    func topologicalOrder() -> [Tensor] {
        var visited = Set<ObjectIdentifier>()
        var postOrder: [Tensor] = []
        // Iterative DFS: UNets are deep enough that recursion depth is not a concern, but
        // long chains built in a script loop could be.
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (tensor, next) = stack.popLast() {
            let inputs = tensor.gradNode?.inputs ?? []
            if next < inputs.count {
                stack.append((tensor, next + 1))
                let input = inputs[next]
                if input.requiresGrad, visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                postOrder.append(tensor)
            }
        }
        return postOrder.reversed()
    }
}

/// Sums two same-shape float32 gradients into a new contiguous tensor.
enum GradAccumulation {
    static func sum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape, a.dtype == .float32, b.dtype == .float32 else {
            throw TensorError("internal: cannot accumulate gradients of shapes \(a.shape) and \(b.shape)")
        }
        // The broadcast add kernel: any layouts (gradients may be stride-0 expansions), both cores.
        return try BinaryKernels.arithmetic(.add, a, b)
    }
}
