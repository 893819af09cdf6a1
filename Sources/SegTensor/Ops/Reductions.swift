/// Reductions with an optional axis list and keepdims, as NumPy spells them.
extension Tensor {
    /// Normalised, sorted, de-duplicated axes; nil means every axis.
    func reductionAxes(_ axes: [Int]?) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var result: [Int] = []
        for axis in axes {
            guard rank > 0 else { throw TensorError("axis \(axis) is out of range for a 0-d tensor") }
            let a = try Shape.normalizeAxis(axis, rank: rank)
            guard !result.contains(a) else { throw TensorError("axis \(axis) repeated in \(axes)") }
            result.append(a)
        }
        return result.sorted()
    }

    /// The result shape of reducing `axes`.
    func reducedShape(_ axes: [Int], keepdims: Bool) -> [Int] {
        keepdims ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
                 : shape.enumerated().filter { !axes.contains($0.offset) }.map { $0.element }
    }

    /// Applies a kernel reduction over `axes`: adjacent reduced axes are merged, each remaining
    /// group reduced in turn on contiguous memory.
    func reduceKernel(_ kind: ReduceKernels.Kind, _ axes: [Int], keepdims: Bool) throws -> Tensor {
        var x = try StridedCopy.contiguousIfNeeded(self)
        var merged: [Int] = [], groups: [Int] = []
        for (axis, size) in shape.enumerated() {
            if axes.contains(axis), axis > 0, axes.contains(axis - 1) {
                merged[merged.count - 1] *= size
            } else {
                if axes.contains(axis) { groups.append(merged.count) }
                merged.append(size)
            }
        }
        // No axis (a 0-d tensor, or an empty list) still yields a new tensor of the result dtype.
        if groups.isEmpty { groups = [merged.count]; merged.append(1) }
        x = Tensor(storage: x.storage, shape: merged, strides: Shape.contiguousStrides(merged), offset: x.offset, dtype: x.dtype)
        for axis in groups.reversed() { x = try ReduceKernels.reduce(kind, x, axis: axis) }
        let target = reducedShape(axes, keepdims: keepdims)
        return Tensor(storage: x.storage, shape: target, strides: Shape.contiguousStrides(target), offset: x.offset, dtype: x.dtype)
    }

    /// Sum over `axes` (all when nil). Bool counts as int32; int32 stays int32.
    public func sum(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        let axes = try reductionAxes(axes)
        let out = try reduceKernel(.sum, axes, keepdims: keepdims)
        guard dtype == .float32 else { return out }
        return Tensor.record(out, name: "sum", inputs: [self], backward: DerivativeRules.sum(self, axes))
    }

    /// Sum over one axis.
    public func sum(axis: Int, keepdims: Bool = false) throws -> Tensor { try sum(axes: [axis], keepdims: keepdims) }

    /// Arithmetic mean over `axes` (float32; NaN for an empty reduction).
    public func mean(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        let normalized = try reductionAxes(axes)
        let n = normalized.reduce(1) { $0 * shape[$1] }
        let total = try converted(to: .float32).sum(axes: normalized, keepdims: keepdims)
        return try total.divide(Tensor.scalar(Double(n)))
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepdims: Bool = false) throws -> Tensor { try mean(axes: [axis], keepdims: keepdims) }

    /// Maximum over `axes`; an empty reduction is an error. Gradients split evenly among ties.
    public func max(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try extremum(.max, axes, keepdims)
    }

    /// Minimum over `axes`; an empty reduction is an error. Gradients split evenly among ties.
    public func min(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try extremum(.min, axes, keepdims)
    }

    /// Maximum over one axis.
    public func max(axis: Int, keepdims: Bool = false) throws -> Tensor { try max(axes: [axis], keepdims: keepdims) }
    /// Minimum over one axis.
    public func min(axis: Int, keepdims: Bool = false) throws -> Tensor { try min(axes: [axis], keepdims: keepdims) }

    private func extremum(_ kind: ReduceKernels.Kind, _ axes: [Int]?, _ keepdims: Bool) throws -> Tensor {
        let normalized = try reductionAxes(axes)
        guard count > 0 else { throw TensorError("\(kind) of an empty tensor of shape \(shape)") }
        let out = try reduceKernel(kind, normalized, keepdims: keepdims)
        guard dtype == .float32 else { return out }
        return Tensor.record(out, name: "\(kind)", inputs: [self],
                             backward: DerivativeRules.extremum(self, out, normalized))
    }

    /// True where any element along `axes` is nonzero.
    public func any(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try reduceKernel(.any, reductionAxes(axes), keepdims: keepdims)
    }

    /// True where every element along `axes` is nonzero.
    public func all(axes: [Int]? = nil, keepdims: Bool = false) throws -> Tensor {
        try reduceKernel(.all, reductionAxes(axes), keepdims: keepdims)
    }

    /// Variance over `axes` with `ddof` degrees of freedom removed (NumPy's default ddof = 0,
    /// the biased estimate; PyTorch's `var` defaults to 1).
    public func variance(axes: [Int]? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Tensor {
        let normalized = try reductionAxes(axes)
        let n = normalized.reduce(1) { $0 * shape[$1] }
        let x = try converted(to: .float32)
        let centered = try x.subtract(x.mean(axes: normalized, keepdims: true))
        let squares = try centered.multiply(centered).sum(axes: normalized, keepdims: keepdims)
        return try squares.divide(Tensor.scalar(Double(n - ddof)))
    }

    /// Standard deviation: the square root of `variance` with the same arguments.
    public func std(axes: [Int]? = nil, keepdims: Bool = false, ddof: Int = 0) throws -> Tensor {
        try variance(axes: axes, keepdims: keepdims, ddof: ddof).sqrt()
    }

    /// Index (int32) of the first maximum along `axis`, or into the flattened tensor when nil.
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtremum(axis, keepdims, max: true)
    }

    /// Index (int32) of the first minimum along `axis`, or into the flattened tensor when nil.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtremum(axis, keepdims, max: false)
    }

    private func argExtremum(_ axis: Int?, _ keepdims: Bool, max: Bool) throws -> Tensor {
        let x = try StridedCopy.contiguousIfNeeded(self)
        guard let axis else {
            let flat = Tensor(storage: x.storage, shape: [count], strides: [1], offset: x.offset, dtype: dtype)
            let out = try ReduceKernels.argReduce(flat, axis: 0, max: max)
            let target = keepdims ? [Int](repeating: 1, count: rank) : []
            return Tensor(storage: out.storage, shape: target, strides: Shape.contiguousStrides(target), offset: 0, dtype: .int32)
        }
        guard rank > 0 else { throw TensorError("axis \(axis) is out of range for a 0-d tensor") }
        let a = try Shape.normalizeAxis(axis, rank: rank)
        let out = try ReduceKernels.argReduce(x, axis: a, max: max)
        let target = reducedShape([a], keepdims: keepdims)
        return Tensor(storage: out.storage, shape: target, strides: Shape.contiguousStrides(target), offset: 0, dtype: .int32)
    }

    /// Sums a broadcast gradient back to `target` (the shape of the input it flowed from).
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        guard lead >= 0 else { throw TensorError("internal: cannot reduce shape \(shape) to \(target)") }
        var axes = Array(0..<lead)
        for (i, size) in target.enumerated() where size == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        return try sum(axes: axes, keepdims: false).reshape(target)
    }
}

extension StridedCopy {
    /// `source` when contiguous, else a fresh contiguous copy (no graph recording).
    static func contiguousIfNeeded(_ source: Tensor) throws -> Tensor {
        source.isContiguous ? source : try contiguousCopy(source)
    }
}
