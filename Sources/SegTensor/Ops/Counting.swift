/// Label-map helpers that count: one-hot encoding, bincount and unique, as PyTorch and NumPy.
extension Tensor {
    /// `[..., classes]` int32 with a 1 at each label (`torch.nn.functional.one_hot`).
    public func oneHot(classes: Int) throws -> Tensor {
        guard dtype == .int32 else { throw TensorError("one_hot: labels must be an int32 tensor, not \(dtype)") }
        guard classes > 0 else { throw TensorError("one_hot: classes must be positive, got \(classes)") }
        let labels = try detach().contiguous()
        let p = labels.pointer(as: Int32.self)
        for i in 0..<labels.count where p[i] < 0 || Int(p[i]) >= classes {
            throw TensorError("one_hot: class values must be in 0..<\(classes) (classes: \(classes)), found \(p[i])")
        }
        let out = try Tensor(shape: shape + [classes], dtype: .int32)
        let o = out.pointer(as: Int32.self)
        for i in 0..<labels.count { o[i * classes + Int(p[i])] = 1 }
        return out
    }

    /// How often each value 0, 1, ... occurs in a 1-d int32 tensor of non-negative values, at
    /// least `minlength` entries long (`np.bincount`), as int32.
    public func bincount(minlength: Int = 0) throws -> Tensor {
        guard dtype == .int32 || dtype == .bool else { throw TensorError("bincount: needs an int32 tensor, not \(dtype)") }
        guard rank == 1 else { throw TensorError("bincount: needs a 1-d tensor, not shape \(shape)") }
        guard minlength >= 0 else { throw TensorError("bincount: minlength must be non-negative, got \(minlength)") }
        let values = try detach().converted(to: .int32).contiguous()
        let p = values.pointer(as: Int32.self)
        var largest = -1
        for i in 0..<values.count {
            guard p[i] >= 0 else { throw TensorError("bincount: the tensor must have no negative elements, found \(p[i])") }
            largest = Swift.max(largest, Int(p[i]))
        }
        let out = try Tensor(shape: [Swift.max(largest + 1, minlength)], dtype: .int32)
        let o = out.pointer(as: Int32.self)
        for i in 0..<values.count { o[Int(p[i])] &+= 1 }
        return out
    }

    /// The sorted distinct elements (1-d, this dtype) and how often each occurs (int32), as
    /// `np.unique(t, return_counts=True)`; NaNs sort last and count
    /// as one value (NumPy's `equal_nan=True`).
    public func unique() throws -> (values: Tensor, counts: Tensor) {
        let sorted = doubles().sorted { a, b in a.isNaN ? false : (b.isNaN ? true : a < b) }
        var values: [Double] = [], counts: [Int32] = []
        for v in sorted {
            if let last = values.last, last == v || (last.isNaN && v.isNaN) { counts[counts.count - 1] += 1 } else {
                values.append(v)
                counts.append(1)
            }
        }
        let result = try Tensor(doubles: values, shape: [values.count], dtype: dtype)
        return (result, try Tensor(int32: counts, shape: [counts.count]))
    }
}
