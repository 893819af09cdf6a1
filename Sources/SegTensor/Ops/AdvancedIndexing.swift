import Foundation

/// NumPy's advanced indexing: a bool mask over the leading axes and int32 gathers along the
/// first axis, reading (`t[mask]`, `palette[labels]`) and writing (`t[mask] = v`).
extension Tensor {
    /// `t[mask]`: the sub-tensors where `mask` (bool, the shape of `t`'s leading axes) is true,
    /// stacked along a new first axis (1-d for a full-shape mask).
    /// `firstAxis` names the indexed tensor's axis the mask starts at in errors (`t[:, mask]`).
    public func maskedSelect(_ mask: Tensor, firstAxis: Int = 0) throws -> Tensor {
        try checkMask(mask, firstAxis: firstAxis)
        let inner = Shape.count(Array(shape[mask.rank...]))
        let source = try detach().contiguous()
        let flags = try mask.detach().contiguous()
        let plan = MaskPlan(flags, work: count)
        let result = try Tensor(shape: [plan.total] + shape[mask.rank...], dtype: dtype, zeroed: false)
        if dtype.byteSize == 4 {
            plan.compact(source.pointer(as: UInt32.self), result.pointer(as: UInt32.self), inner: inner)
        } else {
            plan.compact(source.pointer(as: UInt8.self), result.pointer(as: UInt8.self), inner: inner)
        }
        guard dtype == .float32, requiresGrad, GradMode.isEnabled else { return result }
        let inputShape = shape, kept = try Tensor.ownCopy(flags, of: mask)
        return Tensor.record(result, name: "mask select", inputs: [self], backward: DerivativeRules.maskSelect(kept, inputShape: inputShape))
    }

    /// `t[indices]`: rows of the first axis picked by an int32 tensor (negative counts from the
    /// end), shaped `indices.shape + t.shape[1...]`, as `palette[labels]`.
    /// `axis` names the indexed axis in errors (`t[:, indices]` gathers from a permuted view).
    public func gather(_ indices: Tensor, axis: Int = 0) throws -> Tensor {
        let rows = try gatherRows(indices, axis: axis)
        let inner = Shape.count(Array(shape.dropFirst()))
        let source = try detach().contiguous()
        let result = try Tensor(shape: indices.shape + shape.dropFirst(), dtype: dtype, zeroed: false)
        let picks = UnsafePointer(rows.pointer(as: Int32.self))
        Parallel.forRanges(rows.count, work: rows.count * inner) { start, end in
            if dtype.byteSize == 4 {
                IndexKernels.copyRows(source.pointer(as: UInt32.self), result.pointer(as: UInt32.self), picks, start, end, inner: inner)
            } else {
                IndexKernels.copyRows(source.pointer(as: UInt8.self), result.pointer(as: UInt8.self), picks, start, end, inner: inner)
            }
        }
        guard dtype == .float32, requiresGrad, GradMode.isEnabled else { return result }
        let inputShape = shape, kept = try Tensor.ownCopy(rows, of: indices)
        return Tensor.record(result, name: "gather", inputs: [self], backward: DerivativeRules.gather(rows: kept, inner: inner, inputShape: inputShape))
    }

    /// `t[mask] = value`: writes `value`, broadcast to the selection's shape, in place.
    public func maskedAssign(_ mask: Tensor, _ value: Tensor, firstAxis: Int = 0) throws {
        try checkWritable()
        try checkMask(mask, firstAxis: firstAxis)
        let flags = try mask.detach().contiguous()
        let plan = MaskPlan(flags, work: count)
        let selection = [plan.total] + shape[mask.rank...]
        let inner = Shape.count(Array(shape[mask.rank...]))
        let target = isContiguous ? self : try StridedCopy.contiguousCopy(self)
        let source = try Tensor.assignable(value, to: selection, dtype: dtype)
        if source.count == 1 && inner == 1 {
            if dtype.byteSize == 4 {
                plan.fill(target.pointer(as: UInt32.self), source.pointer(as: UInt32.self).pointee)
            } else {
                plan.fill(target.pointer(as: UInt8.self), source.pointer(as: UInt8.self).pointee)
            }
        } else {
            let full = try StridedCopy.contiguousCopy(source.expand(to: selection))
            if dtype.byteSize == 4 {
                plan.scatter(full.pointer(as: UInt32.self), target.pointer(as: UInt32.self), inner: inner)
            } else {
                plan.scatter(full.pointer(as: UInt8.self), target.pointer(as: UInt8.self), inner: inner)
            }
        }
        if target !== self { StridedCopy.assign(from: target, into: self) }
        storage.markMutated()
    }

    /// `t[indices] = value`: writes rows of the first axis picked by an int32 tensor in place
    /// (a row picked twice keeps the last write, as NumPy).
    public func gatherAssign(_ indices: Tensor, _ value: Tensor, axis: Int = 0) throws {
        try checkWritable()
        let rows = try gatherRows(indices, axis: axis)
        let inner = Shape.count(Array(shape.dropFirst()))
        let selection = indices.shape + shape.dropFirst()
        let source = try StridedCopy.contiguousCopy(Tensor.assignable(value, to: selection, dtype: dtype).expand(to: selection))
        let target = isContiguous ? self : try StridedCopy.contiguousCopy(self)
        if dtype.byteSize == 4 {
            Tensor.scatterRows(source.pointer(as: UInt32.self), target.pointer(as: UInt32.self), rows.pointer(as: Int32.self), rows.count, inner: inner)
        } else {
            Tensor.scatterRows(source.pointer(as: UInt8.self), target.pointer(as: UInt8.self), rows.pointer(as: Int32.self), rows.count, inner: inner)
        }
        if target !== self { StridedCopy.assign(from: target, into: self) }
        storage.markMutated()
    }

    /// A value converted to `dtype` whose shape broadcasts to `selection` (leading size-1 axes
    /// beyond the selection's rank dropped, as NumPy), or an error naming both shapes.
    public static func assignable(_ value: Tensor, to selection: [Int], dtype: DType) throws -> Tensor {
        var trimmed = value.detach()
        while trimmed.rank > selection.count, trimmed.shape[0] == 1 { trimmed = try trimmed.squeeze(0) }
        guard (try? Shape.broadcast(trimmed.shape, selection)) == selection else {
            throw TensorError("cannot assign a value of shape \(value.shape) to a selection of shape \(selection)")
        }
        return try trimmed.converted(to: dtype)
    }

    /// `derived` itself, or a copy when it shares `index`'s memory: a backward pass must see the
    /// index as it was, even if the caller writes into it afterwards.
    private static func ownCopy(_ derived: Tensor, of index: Tensor) throws -> Tensor {
        derived.storage === index.storage ? try StridedCopy.contiguousCopy(derived) : derived
    }

    /// A mask must be bool and match this tensor's leading axes, as NumPy requires.
    private func checkMask(_ mask: Tensor, firstAxis: Int) throws {
        guard mask.dtype == .bool else {
            throw TensorError("a tensor index must be a bool mask or int32 indices, not \(mask.dtype)")
        }
        guard mask.rank <= rank else {
            throw TensorError("too many indices: a bool mask of shape \(mask.shape) for a tensor of shape \(shape)")
        }
        for axis in 0..<mask.rank where mask.shape[axis] != shape[axis] {
            throw TensorError("boolean index did not match indexed tensor along axis \(firstAxis + axis); size of axis is \(shape[axis]) but size of corresponding boolean axis is \(mask.shape[axis]) (mask \(mask.shape))")
        }
    }

    /// The first-axis rows an int32 index tensor picks, as a contiguous int32 tensor with
    /// negatives wrapped (the index tensor itself when none is negative), or NumPy's IndexError
    /// naming the first index out of range.
    private func gatherRows(_ indices: Tensor, axis: Int) throws -> Tensor {
        guard indices.dtype == .int32 else {
            throw TensorError("a tensor index must be a bool mask or int32 indices, not \(indices.dtype)")
        }
        guard rank > 0 else { throw TensorError("too many indices: a 0-d tensor cannot be indexed by a tensor") }
        let size = Int32(clamping: shape[0])
        let flat = try indices.detach().contiguous()
        let p = flat.pointer(as: Int32.self), n = flat.count
        // One vectorisable pass for the range; the slow search only runs to name a bad index.
        var low = Int32.max, high = Int32.min
        for i in 0..<n { low = Swift.min(low, p[i]); high = Swift.max(high, p[i]) }
        guard n == 0 || (low >= -size && high < size) else {
            let bad = (0..<n).first { p[$0] < -size || p[$0] >= size } ?? 0
            throw TensorError("index \(p[bad]) is out of bounds for axis \(axis) with size \(size)")
        }
        guard n > 0, low < 0 else { return flat }
        let wrapped = try Tensor(shape: flat.shape, dtype: .int32, zeroed: false)
        let w = wrapped.pointer(as: Int32.self)
        for i in 0..<n { w[i] = p[i] &+ ((p[i] >> 31) & size) }
        return wrapped
    }

    private static func scatterRows<T>(_ from: UnsafeMutablePointer<T>, _ to: UnsafeMutablePointer<T>, _ rows: UnsafeMutablePointer<Int32>, _ count: Int, inner: Int) {
        // Serial: a row picked twice must keep the last write.
        if inner == 1 {
            for j in 0..<count { to[Int(rows[j])] = from[j] }
        } else {
            for j in 0..<count { (to + Int(rows[j]) * inner).update(from: from + j * inner, count: inner) }
        }
    }
}

/// Where the true entries of a contiguous bool mask are: the mask cut into one chunk per core,
/// with how many trues come before each chunk, so chunks compact and scatter independently.
struct MaskPlan {
    /// Kept so the flags stay alive while the plan is used.
    let mask: Tensor
    let flags: UnsafeMutablePointer<UInt8>
    let count: Int
    /// Chunk boundaries (`bounds[c]..<bounds[c + 1]`) and the trues before each chunk.
    let bounds: [Int]
    let before: [Int]
    let total: Int

    /// Masks with at least this many flags are counted on every thread.
    static let parallelCount = 1 << 18

    init(_ mask: Tensor, work: Int) {
        let flags = mask.pointer(as: UInt8.self), count = mask.count
        let parts = work >= Parallel.threshold && count >= 2 ? Parallel.chunks : 1
        let bounds = (0...parts).map { count * $0 / parts }
        self.mask = mask
        self.flags = flags
        self.count = count
        self.bounds = bounds
        // Counting reads eight flags per multiply: on a smaller mask, handing half of it to
        // another thread costs more than it saves.
        var counts = [Int](repeating: 0, count: parts)
        counts.withUnsafeMutableBufferPointer { c in
            let out = c
            if count < MaskPlan.parallelCount {
                for part in 0..<parts { out[part] = IndexKernels.countFlags(flags, bounds[part], bounds[part + 1]) }
                return
            }
            Parallel.perform(parts: parts) { part in
                out[part] = IndexKernels.countFlags(flags, bounds[part], bounds[part + 1])
            }
        }
        var running = 0
        before = counts.map { n in defer { running += n }; return running }
        total = running
    }

    /// Calls `body(start, end, first, selected)` for each chunk: its bounds, the trues before
    /// it and the trues in it.
    private func eachChunk(_ body: (Int, Int, Int, Int) -> Void) {
        let parts = bounds.count - 1
        // The trues up to the end of each chunk (an Array, so part k's entry is at index k).
        let upToEnd = Array(before.dropFirst()) + [total]
        if parts == 1 { body(0, count, 0, total); return }
        Parallel.perform(parts: parts) { part in body(bounds[part], bounds[part + 1], before[part], upToEnd[part] - before[part]) }
    }

    /// Copies the selected rows of `inner` elements from `source` into consecutive rows of `out`.
    func compact<T>(_ source: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>, inner: Int) {
        let flags = self.flags
        eachChunk { start, end, first, selected in
            if inner == 1 {
                IndexKernels.compactElements(flags, source, out, start, end, first: first, selected: selected)
            } else {
                var k = first
                for i in start..<end where flags[i] & 1 != 0 {
                    (out + k * inner).update(from: source + i * inner, count: inner)
                    k += 1
                }
            }
        }
    }

    /// Writes `value` into every selected element of `target` (one element per mask entry).
    func fill<T: FixedWidthInteger & UnsignedInteger & SIMDScalar>(_ target: UnsafeMutablePointer<T>, _ value: T) {
        let flags = self.flags
        eachChunk { start, end, _, _ in IndexKernels.fill(flags, target, value, start, end) }
    }

    /// Writes consecutive rows of `source` into the selected rows of `target`.
    func scatter<T>(_ source: UnsafeMutablePointer<T>, _ target: UnsafeMutablePointer<T>, inner: Int) {
        let flags = self.flags
        eachChunk { start, end, first, _ in
            var k = first
            for i in start..<end where flags[i] & 1 != 0 {
                (target + i * inner).update(from: source + k * inner, count: inner)
                k += 1
            }
        }
    }
}
