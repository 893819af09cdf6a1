import SegScript
import SegTensor

/// `t[...]` and `t[...] = v` with NumPy's indices: Ints, slices, `...`, `nil`, and in any one
/// position a bool mask (`t[labels == 11]`, `t[0, mask]`), int32 indices (`palette[labels]`,
/// `t[:, idx]`) or a list of Ints or Bools standing for one (`t[[0, 2]]`).
extension TensorObject {
    /// One tensor index among basic ones, resolved as NumPy does for a single advanced index.
    struct AdvancedIndex {
        /// The mask or the int32 indices.
        let index: Tensor
        /// The other indices, with `:` over the axes the tensor index covers.
        let basic: [TensorIndex]
        /// Where the covered axes start in the view `basic` selects.
        let viewAxis: Int
        /// Where the covered axes start in the indexed tensor (for error messages).
        let tensorAxis: Int
        /// Where the picked axes go in the result: `viewAxis`, or the front when an Int index is
        /// separated from the tensor index by another index (NumPy moves them first then).
        let resultAxis: Int

        var isMask: Bool { index.dtype == .bool }
        /// How many view axes the index consumes, and how many result axes it gives.
        var covered: Int { isMask ? index.rank : 1 }
        var picked: Int { isMask ? 1 : index.rank }

        /// The view's axes with the covered ones first, so the kernels pick along the first axes.
        func coveredFirst(_ rank: Int) -> [Int] {
            Array(viewAxis..<viewAxis + covered) + (0..<rank).filter { $0 < viewAxis || $0 >= viewAxis + covered }
        }

        /// Moves the `picked` leading axes of a tensor of `rank` axes to `resultAxis`.
        func pickedInPlace(_ rank: Int) -> [Int] {
            Array(picked..<picked + resultAxis) + Array(0..<picked) + Array((picked + resultAxis)..<rank)
        }

        /// Picks from `t` (read) or into it (write, through views sharing its memory).
        func view(of t: Tensor) throws -> Tensor {
            let selected = try t.slice(basic)
            return viewAxis == 0 ? selected : try selected.permute(coveredFirst(selected.rank))
        }

        func read(_ t: Tensor) throws -> Tensor {
            let source = try view(of: t)
            let picked = isMask ? try source.maskedSelect(index, firstAxis: tensorAxis) : try source.gather(index, axis: tensorAxis)
            return resultAxis == 0 ? picked : try picked.permute(pickedInPlace(picked.rank))
        }

        func write(_ t: Tensor, _ value: Tensor) throws {
            let target = try view(of: t.detach())
            var arranged = value
            if resultAxis != 0 {
                // The value broadcasts against the result's shape; the kernels want the picked axes first.
                let rest = Array(target.shape.dropFirst(covered))
                let pickedShape = isMask ? [Int(try index.sum().item().doubleValue)] : index.shape
                let inKernelOrder = pickedShape + rest
                let resultShape = pickedInPlace(inKernelOrder.count).map { inKernelOrder[$0] }
                arranged = try Tensor.assignable(value, to: resultShape, dtype: t.dtype).expand(to: resultShape)
                var backwards = [Int](repeating: 0, count: resultShape.count)
                for (position, axis) in pickedInPlace(resultShape.count).enumerated() { backwards[axis] = position }
                arranged = try arranged.permute(backwards)
            }
            if isMask { try target.maskedAssign(index, arranged, firstAxis: tensorAxis) } else { try target.gatherAssign(index, arranged, axis: tensorAxis) }
        }
    }

    /// A list of Ints (or of Bools), nested or not, as the int32 (bool) tensor NumPy makes of it.
    static func listIndex(_ v: Value) throws -> Tensor? {
        guard case .list = v else { return nil }
        let wrong = ScriptError("a list index must hold only Ints (positions) or only Bools (a mask)")
        guard let list = elementList(v) else { throw wrong }
        func leaves(_ l: TensorElementList) -> (ints: Bool, bools: Bool) {
            switch l {
            case .int: return (true, false)
            case .bool: return (false, true)
            case .float: return (false, false)
            case .list(let items): return items.map(leaves).reduce((true, true)) { ($0.ints && $1.ints, $0.bools && $1.bools) }
            }
        }
        let kinds = leaves(list)
        if kinds.ints { return try Tensor(list: list, dtype: .int32) }
        if kinds.bools { return try Tensor(list: list, dtype: .bool) }
        throw wrong
    }

    /// The tensor (or list) index and the basic indices around it; nil when there is none.
    static func advancedIndex(_ indices: [IndexArgument], rank: Int) throws -> AdvancedIndex? {
        var found: (position: Int, index: Tensor)?
        for (position, argument) in indices.enumerated() {
            guard case .value(let v) = argument, let index = try v.asTensor ?? listIndex(v) else { continue }
            if found != nil {
                throw ScriptError("only one index may be a tensor or a list (NumPy would broadcast several together); index in two steps, as t[a][:, b]")
            }
            found = (position, index)
        }
        guard let (position, index) = found else { return nil }
        guard index.dtype == .bool || index.dtype == .int32 else {
            throw ScriptError("a tensor index must be a bool mask or int32 indices, not \(index.dtype)")
        }
        let covered = index.dtype == .bool ? index.rank : 1
        var basic = try tensorIndices(Array(indices[..<position]))
        let before = basic.count
        basic += [TensorIndex](repeating: .all, count: covered) + (try tensorIndices(Array(indices[(position + 1)...])))
        // The view axes before the tensor index: each slice and `nil` gives one, `...` what it spans.
        let consuming = basic.filter { $0 != .ellipsis && $0 != .newAxis }.count
        let spanned = max(0, rank - consuming)
        var viewAxis = 0, tensorAxis = 0
        for entry in basic[..<before] {
            switch entry {
            case .ellipsis: viewAxis += spanned; tensorAxis += spanned
            case .newAxis: viewAxis += 1
            case .at: tensorAxis += 1
            case .all, .range: viewAxis += 1; tensorAxis += 1
            }
        }
        // NumPy counts Ints as advanced indices: apart from the tensor index, they send the picked axes first.
        let intPositions = indices.indices.filter { if case .value(.int) = indices[$0] { return true }; return false }
        let advanced = intPositions + [position]
        let together = (advanced.max() ?? 0) - (advanced.min() ?? 0) + 1 == advanced.count
        return AdvancedIndex(index: index, basic: basic, viewAxis: viewAxis, tensorAxis: tensorAxis, resultAxis: together ? viewAxis : 0)
    }

    /// `t[indices]`: a view for basic indices, a new tensor for a mask or a gather.
    static func read(_ t: Tensor, _ indices: [IndexArgument]) throws -> Tensor {
        guard let advanced = try advancedIndex(indices, rank: t.rank) else { return try t.slice(tensorIndices(indices)) }
        return try advanced.read(t)
    }

    /// `t[indices] = value`, in place into `t`.
    static func write(_ t: Tensor, _ indices: [IndexArgument], _ value: Tensor) throws {
        guard let advanced = try advancedIndex(indices, rank: t.rank) else {
            try t.assign(tensorIndices(indices), value)
            return
        }
        try advanced.write(t, value)
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
