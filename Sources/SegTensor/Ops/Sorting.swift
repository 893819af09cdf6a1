/// Sorting along an axis, top-k and cumulative sums, as NumPy and PyTorch.
extension Tensor {
    /// Values and int32 positions sorted along `axis` (stable; NaN last in either order); the values
    /// are differentiable.
    public func sorted(axis: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        guard rank > 0 else { throw TensorError("sort: a 0-d tensor has no axis to sort along") }
        let a = try Shape.normalizeAxis(axis, rank: rank), last = rank - 1
        let moved = try StridedCopy.contiguousCopy(detach().transpose(a, last).converted(to: dtype == .bool ? .int32 : dtype))
        let n = shape[a], rows = n == 0 ? 0 : count / n
        let keys = moved.doubles()
        var order = [Int32](repeating: 0, count: moved.count)
        var positions = Array(0..<n)
        for row in 0..<rows {
            let base = row * n
            positions = Array(0..<n)
            positions.sort { i, j in
                let x = keys[base + i], y = keys[base + j]
                if x.isNaN != y.isNaN { return y.isNaN }
                if x.isNaN || x == y { return i < j }
                return descending ? x > y : x < y
            }
            for (k, p) in positions.enumerated() { order[base + k] = Int32(p) }
        }
        let indicesMoved = try Tensor(int32: order, shape: moved.shape)
        let valuesMoved = try Tensor(doubles: order.enumerated().map { keys[($0.offset / Swift.max(n, 1)) * n + Int($0.element)] },
                                     shape: moved.shape, dtype: dtype)
        let indices = try StridedCopy.contiguousCopy(indicesMoved.transpose(a, last))
        let values = try StridedCopy.contiguousCopy(valuesMoved.transpose(a, last))
        guard dtype == .float32 else { return (values, indices) }
        let recorded = Tensor.record(values, name: "sort", inputs: [self],
                                     backward: DerivativeRules.sort(order: order, movedShape: moved.shape, axis: a, last: last, n: n))
        return (recorded, indices)
    }

    /// The `k` largest values along `axis` in descending order, and their positions.
    public func topk(_ k: Int, axis: Int = -1) throws -> (values: Tensor, indices: Tensor) {
        guard rank > 0 else { throw TensorError("topk: a 0-d tensor has no axis") }
        let a = try Shape.normalizeAxis(axis, rank: rank)
        guard k >= 0, k <= shape[a] else { throw TensorError("topk: k = \(k) is out of range for axis \(axis) of size \(shape[a])") }
        let (values, indices) = try sorted(axis: a, descending: true)
        return (try values.narrow(axis: a, start: 0, length: k), try indices.narrow(axis: a, start: 0, length: k).contiguous())
    }

    /// Running sums along `axis` (bool and int32 sum as int32, as NumPy).
    public func cumsum(axis: Int) throws -> Tensor {
        guard rank > 0 else { return try copy() }
        let a = try Shape.normalizeAxis(axis, rank: rank), last = rank - 1
        let isFloat = dtype == .float32
        let moved = try StridedCopy.contiguousCopy(detach().transpose(a, last).converted(to: isFloat ? .float32 : .int32))
        let n = shape[a], rows = n == 0 ? 0 : count / n
        if isFloat {
            let p = moved.pointer(as: Float.self)
            for row in 0..<rows { for i in 1..<Swift.max(n, 1) { p[row * n + i] += p[row * n + i - 1] } }
        } else {
            let p = moved.pointer(as: Int32.self)
            for row in 0..<rows { for i in 1..<Swift.max(n, 1) { p[row * n + i] &+= p[row * n + i - 1] } }
        }
        let result = try StridedCopy.contiguousCopy(moved.transpose(a, last))
        guard isFloat else { return result }
        return Tensor.record(result, name: "cumsum", inputs: [self], backward: DerivativeRules.cumsum(axis: a))
    }
}
