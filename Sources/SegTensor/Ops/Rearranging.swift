/// flip, roll, repeat and expand with -1, built from views, slices and cat so that their
/// gradients come from the rules those already have.
extension Tensor {
    /// Reverses the order of elements along each of `axes` (`torch.flip`, `np.flip`).
    public func flip(_ axes: [Int]) throws -> Tensor {
        var indices = [TensorIndex](repeating: .all, count: rank)
        for axis in axes {
            let a = try Shape.normalizeAxis(axis, rank: rank)
            guard indices[a] == .all else { throw TensorError("flip: axis \(axis) is given twice") }
            indices[a] = .range(start: nil, stop: nil, step: -1)
        }
        return try slice(indices)
    }

    /// Shifts elements by `shift` positions along `axis`, wrapping around (`torch.roll`); with no
    /// axis the flattened tensor is rolled and reshaped back.
    public func roll(_ shift: Int, axis: Int?) throws -> Tensor {
        guard let axis else { return try flatten().roll(shift, axis: 0).reshape(shape) }
        let a = try Shape.normalizeAxis(axis, rank: rank)
        let size = shape[a]
        guard size > 0 else { return self }
        let s = ((shift % size) + size) % size
        if s == 0 { return self }
        return try Tensor.cat([narrow(axis: a, start: size - s, length: s), narrow(axis: a, start: 0, length: size - s)], axis: a)
    }

    /// Tiles the tensor `counts[i]` times along axis i (`torch.Tensor.repeat`); more counts than
    /// axes add leading axes.
    public func repeated(_ counts: [Int]) throws -> Tensor {
        guard counts.count >= rank else {
            throw TensorError("repeat: \(counts.count) counts for a tensor of \(rank) dimensions; give at least one per dimension")
        }
        if let bad = counts.first(where: { $0 < 0 }) { throw TensorError("repeat: counts must not be negative, got \(bad)") }
        let lifted = [Int](repeating: 1, count: counts.count - rank) + shape
        var interleaved: [Int] = [], expanded: [Int] = []
        for (count, size) in zip(counts, lifted) {
            interleaved += [1, size]
            expanded += [count, size]
        }
        return try reshape(interleaved).expand(to: expanded).reshape(zip(counts, lifted).map { $0 * $1 })
    }

    /// A broadcast view (`torch.Tensor.expand`): -1 keeps an axis's size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= rank else {
            throw TensorError("expand: the shape \(sizes) has fewer dimensions than the tensor's \(shape)")
        }
        let shift = sizes.count - rank
        var target = sizes
        for (i, size) in sizes.enumerated() where size == -1 {
            guard i >= shift else { throw TensorError("expand: -1 is not allowed for a new leading dimension (\(sizes))") }
            target[i] = shape[i - shift]
        }
        return try expand(to: target)
    }
}

extension Tensor {
    /// Constant padding with widths in `torch.nn.functional.pad` order: the last axis first,
    /// `[left, right, top, bottom, ...]`; differentiable.
    public func padded(_ widths: [Int], value: Double = 0) throws -> Tensor {
        guard widths.count % 2 == 0, widths.count / 2 <= rank else {
            throw TensorError("pad: widths must come in pairs, at most one pair per axis (\(widths.count) widths for a tensor of shape \(shape))")
        }
        if let bad = widths.first(where: { $0 < 0 }) { throw TensorError("pad: widths must not be negative, got \(bad)") }
        var newShape = shape
        var inner = [TensorIndex](repeating: .all, count: rank)
        for pair in 0..<(widths.count / 2) {
            let axis = rank - 1 - pair, before = widths[2 * pair], after = widths[2 * pair + 1]
            newShape[axis] += before + after
            inner[axis] = .range(start: before, stop: before + shape[axis], step: 1)
        }
        let result = try Tensor.full(newShape, value, dtype: dtype)
        try result.assign(inner, detach())
        guard dtype == .float32 else { return result }
        return Tensor.record(result, name: "pad", inputs: [self], backward: DerivativeRules.pad(inner: inner))
    }
}
