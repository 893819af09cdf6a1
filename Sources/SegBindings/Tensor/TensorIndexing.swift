import SegScript
import SegTensor

/// `t[...]` and `t[...] = v` with NumPy's indices: Ints, slices, `...`, `nil`, and as the first
/// index a bool mask (`t[labels == 11]`) or int32 indices (`palette[labels]`).
extension TensorObject {
    /// A first index that is a tensor, and the basic indices after it; nil when no index is a tensor.
    static func advancedIndex(_ indices: [IndexArgument]) throws -> (Tensor, [TensorIndex])? {
        for case .value(let v) in indices.dropFirst() where v.asTensor != nil {
            throw ScriptError("a tensor index (a mask or int32 indices) must be the first index, as in t[mask] or t[mask, 0]")
        }
        guard case .value(let v)? = indices.first, let index = v.asTensor else { return nil }
        return (index, try tensorIndices(Array(indices.dropFirst())))
    }

    /// `t[indices]`: a view for basic indices, a new tensor for a mask or a gather.
    static func read(_ t: Tensor, _ indices: [IndexArgument]) throws -> Tensor {
        guard let (index, rest) = try advancedIndex(indices) else { return try t.slice(tensorIndices(indices)) }
        let picked = index.dtype == .bool ? try t.maskedSelect(index) : try t.gather(index)
        if rest.isEmpty { return picked }
        let leading = index.dtype == .bool ? 1 : index.rank
        return try picked.slice([TensorIndex](repeating: .all, count: leading) + rest)
    }

    /// `t[indices] = value`, in place into `t`.
    static func write(_ t: Tensor, _ indices: [IndexArgument], _ value: Tensor) throws {
        guard let (index, rest) = try advancedIndex(indices) else {
            try t.assign(tensorIndices(indices), value)
            return
        }
        if rest.isEmpty {
            if index.dtype == .bool { try t.maskedAssign(index, value) } else { try t.gatherAssign(index, value) }
            return
        }
        // `t[mask, 0] = v`: write into the picked part, then put the part back.
        let picked = try read(t.detach(), [indices[0]])
        let leading = index.dtype == .bool ? 1 : index.rank
        try picked.assign([TensorIndex](repeating: .all, count: leading) + rest, value)
        if index.dtype == .bool { try t.maskedAssign(index, picked) } else { try t.gatherAssign(index, picked) }
    }

    /// A Tensor is a value: assigning through an index changes the variable's tensor only.
    public var hasValueSemantics: Bool { true }

    /// Writes in place when nothing else can see this tensor (the variable is its only holder,
    /// and no view shares its memory), else into a copy that replaces it.
    public func settingIndex(_ indices: [IndexArgument], _ value: Value, unique: Bool, _ interpreter: Interpreter) throws -> Value {
        guard let v = TensorObject.operand(value) else {
            throw ScriptError("cannot assign a \(value.typeName) into a Tensor; use a number or a Tensor")
        }
        if tensor.requiresGrad && GradMode.isEnabled {
            throw ScriptError("cannot assign into a tensor that requires grad (its gradient would be wrong); assign into t.detach().copy(), or inside no_grad")
        }
        if unique && holdsTensorAlone() {
            try TensorObject.write(tensor, indices, v)
            return .object(self)
        }
        let copy = try tensor.detach().copy()
        try TensorObject.write(copy, indices, v)
        return .tensor(copy)
    }
}
