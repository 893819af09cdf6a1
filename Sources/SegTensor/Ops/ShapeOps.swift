/// Views that change shape without copying where the layout allows.
extension Tensor {
    /// The same elements with a new shape; one size may be -1 (inferred). A view when `self` is
    /// contiguous, else a contiguous copy.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let target = try Shape.resolveReshape(newShape, count: count, from: shape)
        let source = isContiguous ? self : try StridedCopy.contiguousCopy(self)
        let view = Tensor(storage: source.storage, shape: target, strides: Shape.contiguousStrides(target),
                          offset: source.offset, dtype: dtype)
        let inputShape = shape
        return Tensor.record(view, name: "reshape", inputs: [self], backward: DerivativeRules.reshape(from: inputShape))
    }

    /// All elements in one dimension.
    public func flatten() throws -> Tensor { try reshape([-1]) }

    /// Reorders the axes: result axis i is input axis `axes[i]` (a view).
    public func permute(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError("permute: \(axes) has \(axes.count) axes, tensor of shape \(shape) has \(rank)")
        }
        var seen = [Bool](repeating: false, count: rank)
        var normalized: [Int] = []
        for axis in axes {
            let a = try Shape.normalizeAxis(axis, rank: rank)
            guard !seen[a] else { throw TensorError("permute: axes \(axes) repeat axis \(axis)") }
            seen[a] = true
            normalized.append(a)
        }
        let view = Tensor(storage: storage, shape: normalized.map { shape[$0] },
                          strides: normalized.map { strides[$0] }, offset: offset, dtype: dtype)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in normalized.enumerated() { inverse[a] = i }
        return Tensor.record(view, name: "permute", inputs: [self], backward: DerivativeRules.permute(inverse: inverse))
    }

    /// Swaps two axes (a view).
    public func transpose(_ a: Int, _ b: Int) throws -> Tensor {
        let x = try Shape.normalizeAxis(a, rank: rank), y = try Shape.normalizeAxis(b, rank: rank)
        var axes = Array(0..<rank)
        axes.swapAt(x, y)
        return try permute(axes)
    }

    /// The matrix transpose of a 2-D tensor, or reversed axes in general (NumPy's `.T`).
    public func transposed() throws -> Tensor { try permute(Array((0..<rank).reversed())) }

    /// Removes `axis` (which must have size 1), or every size-1 axis when nil (a view).
    public func squeeze(_ axis: Int? = nil) throws -> Tensor {
        var keep = Array(0..<rank)
        if let axis {
            let a = try Shape.normalizeAxis(axis, rank: rank)
            guard shape[a] == 1 else {
                throw TensorError("squeeze: axis \(axis) of shape \(shape) has size \(shape[a]), not 1")
            }
            keep.remove(at: a)
        } else {
            keep = keep.filter { shape[$0] != 1 }
        }
        return try viewAs(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, name: "squeeze")
    }

    /// Inserts a size-1 axis at `axis` (from -(rank+1) to rank; a view).
    public func unsqueeze(_ axis: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank + 1)
        var newShape = shape, newStrides = strides
        newShape.insert(1, at: a)
        newStrides.insert(a < rank ? strides[a] * shape[a] : 1, at: a)
        return try viewAs(shape: newShape, strides: newStrides, name: "unsqueeze")
    }

    /// A view with stride 0 along broadcast axes, as if `self` were repeated to `target`.
    public func expand(to target: [Int]) throws -> Tensor {
        try Shape.validate(target)
        guard let result = try? Shape.broadcast(shape, target), result == target else {
            throw TensorError("cannot broadcast shape \(shape) to \(target)")
        }
        if target == shape { return self }
        let shift = target.count - rank
        var newStrides = [Int](repeating: 0, count: target.count)
        for i in 0..<rank where shape[i] == target[i + shift] { newStrides[i + shift] = strides[i] }
        let view = Tensor(storage: storage, shape: target, strides: newStrides, offset: offset, dtype: dtype)
        let inputShape = shape
        return Tensor.record(view, name: "expand", inputs: [self], backward: DerivativeRules.expand(from: inputShape))
    }

    /// A view with the same element count and new shape/strides; gradients reshape back.
    private func viewAs(shape newShape: [Int], strides newStrides: [Int], name: String) throws -> Tensor {
        let view = Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset, dtype: dtype)
        let inputShape = shape
        return Tensor.record(view, name: name, inputs: [self], backward: DerivativeRules.reshape(from: inputShape))
    }
}

extension Shape {
    /// Resolves one -1 in a requested shape and checks the element count.
    static func resolveReshape(_ requested: [Int], count: Int, from shape: [Int]) throws -> [Int] {
        let unknown = requested.indices.filter { requested[$0] == -1 }
        guard unknown.count <= 1 else { throw TensorError("reshape: only one -1 is allowed in \(requested)") }
        guard requested.allSatisfy({ $0 >= -1 }) else { throw TensorError("reshape: invalid shape \(requested)") }
        // Checked before any product is formed, so absurd sizes are errors rather than overflows.
        try Shape.validate(requested.map { $0 == -1 ? 1 : $0 })
        var target = requested
        if let u = unknown.first {
            let known = requested.enumerated().reduce(1) { $1.offset == u ? $0 : $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw TensorError("cannot reshape tensor of shape \(shape) (\(count) elements) into \(requested)")
            }
            target[u] = count / known
        }
        guard Shape.count(target) == count else {
            throw TensorError("cannot reshape tensor of shape \(shape) (\(count) elements) into \(requested)")
        }
        return target
    }
}

extension StridedCopy {
    /// A fresh contiguous copy (no graph recording).
    static func contiguousCopy(_ source: Tensor) throws -> Tensor {
        let result = try Tensor(shape: source.shape, dtype: source.dtype, zeroed: false)
        copy(from: source, into: result)
        return result
    }
}
