/// One subscript component, as the language writes them: `t[0, :, 2:4, ...]`.
public enum TensorIndex: Equatable, Sendable {
    /// A single position (negative counts from the end); removes the axis.
    case at(Int)
    /// A Python slice `start:stop:step` (each optional; negative steps walk backwards).
    case range(start: Int?, stop: Int?, step: Int?)
    /// `:`, the whole axis.
    case all
    /// `...`, as many `:` as needed to cover the remaining axes.
    case ellipsis
    /// A new size-1 axis (NumPy's `None`).
    case newAxis
}

/// The view an index list selects: shape, strides and the element offset from the base view.
struct IndexPlan {
    var shape: [Int] = []
    var strides: [Int] = []
    var offset: Int = 0
}

extension Tensor {
    /// Resolves an index list against this tensor's shape; out-of-range positions are errors
    /// naming the index, the axis and its size.
    func indexPlan(_ indices: [TensorIndex]) throws -> IndexPlan {
        let ellipses = indices.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else { throw TensorError("an index can only have a single ellipsis (...)") }
        let consuming = indices.filter { $0 != .ellipsis && $0 != .newAxis }.count
        guard consuming <= rank else {
            throw TensorError("too many indices for a tensor of shape \(shape): \(consuming) indices for \(rank) dimensions")
        }
        var plan = IndexPlan()
        var axis = 0
        for index in indices {
            switch index {
            case .ellipsis:
                for _ in 0..<(rank - consuming) {
                    plan.shape.append(shape[axis]); plan.strides.append(strides[axis]); axis += 1
                }
            case .newAxis:
                plan.shape.append(1); plan.strides.append(0)
            case .all:
                plan.shape.append(shape[axis]); plan.strides.append(strides[axis]); axis += 1
            case .at(let position):
                let size = shape[axis]
                let p = position < 0 ? position + size : position
                guard p >= 0, p < size else {
                    throw TensorError("index \(position) is out of range for axis \(axis) with size \(size)")
                }
                plan.offset += p * strides[axis]
                axis += 1
            case .range(let start, let stop, let step):
                let (first, length, step) = try Tensor.resolveSlice(start, stop, step, size: shape[axis])
                if length > 0 { plan.offset += first * strides[axis] }
                // With fewer than two items the stride is never used (and a huge step could overflow it).
                plan.shape.append(length); plan.strides.append(length > 1 ? strides[axis] * step : strides[axis])
                axis += 1
            }
        }
        while axis < rank {
            plan.shape.append(shape[axis]); plan.strides.append(strides[axis]); axis += 1
        }
        return plan
    }

    /// Python's slice rules: (first position, length, step) for an axis of `size`.
    static func resolveSlice(_ start: Int?, _ stop: Int?, _ step: Int?, size: Int) throws -> (Int, Int, Int) {
        let step = step ?? 1
        guard step != 0 else { throw TensorError("slice step cannot be zero") }
        guard step != Int.min else { throw TensorError("slice step \(step) is out of range") }
        func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(value, low), high) }
        if step > 0 {
            let first = clamp(start.map { $0 < 0 ? $0 + size : $0 } ?? 0, 0, size)
            let end = clamp(stop.map { $0 < 0 ? $0 + size : $0 } ?? size, 0, size)
            return (first, end > first ? (end - first - 1) / step + 1 : 0, step)
        }
        let first = clamp(start.map { $0 < 0 ? $0 + size : $0 } ?? size - 1, -1, size - 1)
        let end = clamp(stop.map { $0 < 0 ? $0 + size : $0 } ?? -1, -1, size - 1)
        return (first, first > end ? (first - end - 1) / -step + 1 : 0, step)
    }

    /// The view selected by a plan (no graph recording).
    func view(_ plan: IndexPlan) -> Tensor {
        Tensor(storage: storage, shape: plan.shape, strides: plan.strides, offset: offset + plan.offset, dtype: dtype)
    }

    /// `t[i, j:k, ...]`: a view sharing memory with `self` (integer and slice indices only).
    public func slice(_ indices: [TensorIndex]) throws -> Tensor {
        let plan = try indexPlan(indices)
        let result = view(plan)
        guard dtype == .float32 else { return result }
        return Tensor.record(result, name: "index", inputs: [self], backward: DerivativeRules.index(self, plan))
    }

    /// `t[i, j:k, ...]` (see `slice`).
    public subscript(_ indices: TensorIndex...) -> Tensor {
        get throws { try slice(indices) }
    }

    /// The view of `length` positions of `axis` starting at `start`.
    public func narrow(axis: Int, start: Int, length: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank)
        guard start >= 0, length >= 0, start <= shape[a], length <= shape[a] - start else {
            throw TensorError("narrow: \(length) positions from \(start) are out of range for axis \(axis) with size \(shape[a])")
        }
        var indices = [TensorIndex](repeating: .all, count: rank)
        indices[a] = .range(start: start, stop: start + length, step: 1)
        return try slice(indices)
    }

    /// `t[indices] = value`: writes `value` (broadcast, converted to this dtype) in place into the
    /// selected elements and bumps the storage version.
    public func assign(_ indices: [TensorIndex], _ value: Tensor) throws {
        try checkWritable()
        try view(indexPlan(indices)).assign(value)
    }

    /// In-place writes would silently corrupt gradients of a recorded graph.
    func checkWritable() throws {
        if requiresGrad && GradMode.isEnabled {
            throw TensorError("in-place assignment into a tensor that requires grad; use withoutGrad or detach()")
        }
    }

    /// `t[indices] = number`.
    public func assign(_ indices: [TensorIndex], _ value: Double) throws {
        try assign(indices, Tensor.scalar(value))
    }

    /// Writes `value` (broadcast to this shape and converted to this dtype) into this view.
    public func assign(_ value: Tensor) throws {
        try checkWritable()
        var trimmed = value.detach()
        // As NumPy, leading size-1 axes of the value may exceed the selection's rank.
        while trimmed.rank > rank, trimmed.shape[0] == 1 { trimmed = try trimmed.squeeze(0) }
        let source: Tensor
        do { source = try trimmed.expand(to: shape) } catch {
            throw TensorError("cannot assign a value of shape \(value.shape) to a selection of shape \(shape)")
        }
        var converted = try source.converted(to: dtype)
        if converted.storage === storage { converted = try StridedCopy.contiguousCopy(converted) }
        StridedCopy.assign(from: converted, into: self)
        storage.markMutated()
    }
}
