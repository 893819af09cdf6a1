/// Joining tensors (cat, stack) and elementwise selection (where).
extension Tensor {
    /// Concatenates along an existing `axis`; shapes must match elsewhere; dtypes promote.
    public static func cat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("cat needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError("cat: zero-dimensional tensors cannot be concatenated") }
        let a = try Shape.normalizeAxis(axis, rank: first.rank)
        var shape = first.shape
        shape[a] = 0
        var dtype = first.dtype
        for (i, t) in tensors.enumerated() {
            var expected = first.shape, got = t.shape
            guard t.rank == first.rank else {
                throw TensorError("cat: tensor \(i) has shape \(t.shape), expected \(first.rank) dimensions like \(first.shape)")
            }
            expected[a] = 0; got[a] = 0
            guard expected == got else {
                throw TensorError("cat: tensor \(i) has shape \(t.shape), which does not match \(first.shape) outside axis \(a)")
            }
            shape[a] += t.shape[a]
            dtype = DType.common(dtype, t.dtype)
        }
        let out = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        var start = 0
        for t in tensors {
            var indices = [TensorIndex](repeating: .all, count: shape.count)
            indices[a] = .range(start: start, stop: start + t.shape[a], step: 1)
            let part = try t.detach().converted(to: dtype)
            StridedCopy.assign(from: part, into: out.view(try out.indexPlan(indices)))
            start += t.shape[a]
        }
        guard dtype == .float32 else { return out }
        return record(out, name: "cat", inputs: tensors, backward: DerivativeRules.cat(tensors, axis: a))
    }

    /// Joins same-shape tensors along a new `axis`.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("stack needs at least one tensor") }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError("stack: tensor \(i) has shape \(t.shape), expected \(first.shape)")
        }
        let a = try Shape.normalizeAxis(axis, rank: first.rank + 1)
        return try cat(tensors.map { try $0.unsqueeze(a) }, axis: a)
    }

    /// Elements of `a` where `condition` is true (nonzero), else of `b`; all three broadcast.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape: [Int]
        do { shape = try Shape.broadcast(Shape.broadcast(condition.shape, a.shape), b.shape) } catch {
            throw TensorError("where: shapes \(condition.shape), \(a.shape) and \(b.shape) cannot be broadcast together")
        }
        let dtype = DType.common(a.dtype, b.dtype)
        let mask = try StridedCopy.contiguousCopy(condition.detach().converted(to: .bool).expand(to: shape))
        let x = try StridedCopy.contiguousCopy(a.detach().converted(to: dtype).expand(to: shape))
        let y = try StridedCopy.contiguousCopy(b.detach().converted(to: dtype).expand(to: shape))
        let m = mask.pointer(as: UInt8.self)
        if dtype.byteSize == 4 {
            let p = x.pointer(as: UInt32.self), q = y.pointer(as: UInt32.self)
            for i in 0..<x.count where m[i] == 0 { p[i] = q[i] }
        } else {
            let p = x.pointer(as: UInt8.self), q = y.pointer(as: UInt8.self)
            for i in 0..<x.count where m[i] == 0 { p[i] = q[i] }
        }
        guard dtype == .float32 else { return x }
        return record(x, name: "where", inputs: [mask, a, b], backward: DerivativeRules.select(mask, a, b))
    }
}
