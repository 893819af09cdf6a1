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
        guard dtype == .float32 else { return result }
        let inputShape = shape
        return Tensor.record(result, name: "mask select", inputs: [self], backward: DerivativeRules.maskSelect(flags, inputShape: inputShape))
    }

    /// `t[indices]`: rows of the first axis picked by an int32 tensor (negative counts from the
    /// end), shaped `indices.shape + t.shape[1...]`, as `palette[labels]`.
    /// `axis` names the indexed axis in errors (`t[:, indices]` gathers from a permuted view).
    public func gather(_ indices: Tensor, axis: Int = 0) throws -> Tensor {
        let rows = try gatherRows(indices, axis: axis)
        let inner = Shape.count(Array(shape.dropFirst()))
        let source = try detach().contiguous()
        let result = try Tensor(shape: indices.shape + shape.dropFirst(), dtype: dtype, zeroed: false)
        if dtype.byteSize == 4 {
            Tensor.copyRows(source.pointer(as: UInt32.self), result.pointer(as: UInt32.self), rows, inner: inner)
        } else {
            Tensor.copyRows(source.pointer(as: UInt8.self), result.pointer(as: UInt8.self), rows, inner: inner)
        }
        guard dtype == .float32 else { return result }
        let inputShape = shape
        return Tensor.record(result, name: "gather", inputs: [self], backward: DerivativeRules.gather(rows: rows, inner: inner, inputShape: inputShape))
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
            Tensor.scatterRows(source.pointer(as: UInt32.self), target.pointer(as: UInt32.self), rows, inner: inner)
        } else {
            Tensor.scatterRows(source.pointer(as: UInt8.self), target.pointer(as: UInt8.self), rows, inner: inner)
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

    /// The first-axis rows an int32 index tensor picks, validated as NumPy's IndexError does.
    private func gatherRows(_ indices: Tensor, axis: Int) throws -> [Int] {
        guard indices.dtype == .int32 else {
            throw TensorError("a tensor index must be a bool mask or int32 indices, not \(indices.dtype)")
        }
        guard rank > 0 else { throw TensorError("too many indices: a 0-d tensor cannot be indexed by a tensor") }
        let size = shape[0]
        let flat = try indices.detach().contiguous()
        let p = flat.pointer(as: Int32.self)
        var rows = [Int](repeating: 0, count: flat.count)
        // One pass over raw buffers: wrap negatives, remember the first index out of range.
        let firstBad: Int? = rows.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count {
                let index = Int(p[i])
                let row = index < 0 ? index + size : index
                guard row >= 0, row < size else { return index }
                out[i] = row
            }
            return nil
        }
        if let index = firstBad { throw TensorError("index \(index) is out of bounds for axis \(axis) with size \(size)") }
        return rows
    }

    private static func copyRows<T>(_ from: UnsafeMutablePointer<T>, _ to: UnsafeMutablePointer<T>, _ rows: [Int], inner: Int) {
        rows.withUnsafeBufferPointer { r in
            Parallel.forRanges(r.count, work: r.count * inner) { start, end in
                if inner == 1 {
                    for j in start..<end { to[j] = from[r[j]] }
                } else {
                    for j in start..<end { (to + j * inner).update(from: from + r[j] * inner, count: inner) }
                }
            }
        }
    }

    private static func scatterRows<T>(_ from: UnsafeMutablePointer<T>, _ to: UnsafeMutablePointer<T>, _ rows: [Int], inner: Int) {
        // Serial: a row picked twice must keep the last write.
        if inner == 1 {
            for (j, row) in rows.enumerated() { to[row] = from[j] }
        } else {
            for (j, row) in rows.enumerated() { (to + row * inner).update(from: from + j * inner, count: inner) }
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

    init(_ mask: Tensor, work: Int) {
        let flags = mask.pointer(as: UInt8.self), count = mask.count
        let parts = work >= Parallel.threshold && count >= 2 ? Parallel.chunks : 1
        let bounds = (0...parts).map { count * $0 / parts }
        self.mask = mask
        self.flags = flags
        self.count = count
        self.bounds = bounds
        var counts = [Int](repeating: 0, count: parts)
        counts.withUnsafeMutableBufferPointer { c in
            let out = c
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var n = 0
                for i in bounds[part]..<bounds[part + 1] { n &+= Int(flags[i] & 1) }
                out[part] = n
            }
        }
        var running = 0
        before = counts.map { n in defer { running += n }; return running }
        total = running
    }

    private func eachChunk(_ body: (Int, Int, Int) -> Void) {
        let parts = bounds.count - 1
        if parts == 1 { body(0, count, 0); return }
        DispatchQueue.concurrentPerform(iterations: parts) { part in body(bounds[part], bounds[part + 1], before[part]) }
    }

    /// Copies the selected rows of `inner` elements from `source` into consecutive rows of `out`.
    func compact<T>(_ source: UnsafeMutablePointer<T>, _ out: UnsafeMutablePointer<T>, inner: Int) {
        let flags = self.flags
        eachChunk { start, end, first in
            var k = first
            if inner == 1 {
                // Branch-free: every element is written at k, which advances only past selected
                // ones; stopping at the chunk's last selected element keeps writes inside its part.
                var last = end - 1
                while last >= start, flags[last] & 1 == 0 { last -= 1 }
                guard last >= start else { return }
                for i in start...last {
                    out[k] = source[i]
                    k &+= Int(flags[i] & 1)
                }
            } else {
                for i in start..<end where flags[i] & 1 != 0 {
                    (out + k * inner).update(from: source + i * inner, count: inner)
                    k += 1
                }
            }
        }
    }

    /// Writes `value` into every selected element of `target` (one element per mask entry).
    func fill<T>(_ target: UnsafeMutablePointer<T>, _ value: T) {
        let flags = self.flags
        eachChunk { start, end, _ in
            for i in start..<end { target[i] = flags[i] & 1 != 0 ? value : target[i] }
        }
    }

    /// Writes consecutive rows of `source` into the selected rows of `target`.
    func scatter<T>(_ source: UnsafeMutablePointer<T>, _ target: UnsafeMutablePointer<T>, inner: Int) {
        let flags = self.flags
        eachChunk { start, end, first in
            var k = first
            for i in start..<end where flags[i] & 1 != 0 {
                (target + i * inner).update(from: source + k * inner, count: inner)
                k += 1
            }
        }
    }
}
