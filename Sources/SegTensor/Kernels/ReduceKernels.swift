/// Reductions along one axis of a contiguous tensor viewed as [outer, n, inner].
///
/// With inner > 1 each output row accumulates whole input rows (a vectorisable loop over inner);
/// with inner == 1 each output is one contiguous run. Work splits across cores by outer rows, or by
/// inner columns when outer is 1 (`segnb-bench tensor`, "sum axis" row).
enum ReduceKernels {
    enum Kind { case sum, max, min, any, all }

    /// Reduces axis `axis` of contiguous `x` (n >= 1 for max/min), returning the keepdims shape.
    static func reduce(_ kind: Kind, _ x: Tensor, axis: Int) throws -> Tensor {
        let outer = Shape.count(Array(x.shape[..<axis])), n = x.shape[axis]
        let inner = Shape.count(Array(x.shape[(axis + 1)...]))
        var outShape = x.shape
        outShape[axis] = 1
        switch kind {
        case .any, .all:
            let input = try x.converted(to: .bool)
            let out = try Tensor(shape: outShape, dtype: .bool, zeroed: false)
            let p = UnsafePointer(input.pointer(as: UInt8.self)), o = out.pointer(as: UInt8.self)
            if n == 0 { fill(o, outer * inner, kind == .all ? 1 : 0); return out }
            if kind == .any { layout(p, o, outer, n, inner, BoolOps.AnyOf()) } else { layout(p, o, outer, n, inner, BoolOps.AllOf()) }
            return out
        case .sum:
            let dtype: DType = x.dtype == .float32 ? .float32 : .int32
            let input = try x.converted(to: dtype)
            let out = try Tensor(shape: outShape, dtype: dtype, zeroed: false)
            if dtype == .float32 {
                let p = UnsafePointer(input.pointer(as: Float.self)), o = out.pointer(as: Float.self)
                if n == 0 { fill(o, outer * inner, 0); return out }
                if inner == 1 { sumRows(p, o, outer, n) } else { layout(p, o, outer, n, inner, FloatOps.Sum()) }
            } else {
                let p = UnsafePointer(input.pointer(as: Int32.self)), o = out.pointer(as: Int32.self)
                if n == 0 { fill(o, outer * inner, 0); return out }
                layout(p, o, outer, n, inner, IntOps.Sum())
            }
            return out
        case .max, .min:
            guard n > 0 else {
                throw TensorError("\(kind) of an empty axis \(axis) of shape \(x.shape) has no identity")
            }
            let out = try Tensor(shape: outShape, dtype: x.dtype, zeroed: false)
            let isMax = kind == .max
            switch x.dtype {
            case .float32:
                let p = UnsafePointer(x.pointer(as: Float.self)), o = out.pointer(as: Float.self)
                layout(p, o, outer, n, inner, FloatOps.Extremum(isMax: isMax))
            case .int32:
                let p = UnsafePointer(x.pointer(as: Int32.self)), o = out.pointer(as: Int32.self)
                layout(p, o, outer, n, inner, GenericOps.Extremum<Int32>(isMax: isMax))
            case .bool:
                let p = UnsafePointer(x.pointer(as: UInt8.self)), o = out.pointer(as: UInt8.self)
                if isMax { layout(p, o, outer, n, inner, BoolOps.AnyOf()) } else { layout(p, o, outer, n, inner, BoolOps.AllOf()) }
            }
            return out
        }
    }

    /// Index of the first maximum (or minimum) along `axis` of contiguous `x`, as int32.
    static func argReduce(_ x: Tensor, axis: Int, max isMax: Bool) throws -> Tensor {
        let outer = Shape.count(Array(x.shape[..<axis])), n = x.shape[axis]
        let inner = Shape.count(Array(x.shape[(axis + 1)...]))
        guard n > 0 else { throw TensorError("arg\(isMax ? "max" : "min") of an empty axis \(axis) of shape \(x.shape)") }
        var outShape = x.shape
        outShape[axis] = 1
        let input = try x.converted(to: .float32)
        let out = try Tensor(shape: outShape, dtype: .int32, zeroed: false)
        let p = input.pointer(as: Float.self), o = out.pointer(as: Int32.self)
        for a in 0..<outer {
            for j in 0..<inner {
                let base = p + a * n * inner + j
                var best = base[0], index = 0
                for k in 1..<Swift.max(n, 1) {
                    let v = base[k * inner]
                    if best.isNaN { break }
                    if isMax ? (v > best || v.isNaN) : (v < best || v.isNaN) { best = v; index = k }
                }
                o[a * inner + j] = Int32(truncatingIfNeeded: index)
            }
        }
        return out
    }

    @inline(__always)
    static func fill<T>(_ o: UnsafeMutablePointer<T>, _ count: Int, _ value: T) {
        o.initialize(repeating: value, count: count)
    }

    /// The generic [outer, n, inner] loop: `first` seeds an output from the first slice, `combine`
    /// folds in the others. Requires n >= 1.
    @inline(__always)
    static func layout<F: ReduceFunction>(_ p: UnsafePointer<F.Input>, _ o: UnsafeMutablePointer<F.Output>,
                                          _ outer: Int, _ n: Int, _ inner: Int, _ f: F) {
        if inner == 1 {
            Parallel.forRanges(outer, work: outer * n) { start, end in
                for a in start..<end {
                    let row = p + a * n
                    var r = f.first(row[0])
                    for k in 1..<n { r = f.combine(r, row[k]) }
                    o[a] = r
                }
            }
            return
        }
        let splitOuter = outer >= 2
        Parallel.forRanges(splitOuter ? outer : inner, work: outer * n * inner) { start, end in
            let (a0, a1) = splitOuter ? (start, end) : (0, outer)
            let (j0, j1) = splitOuter ? (0, inner) : (start, end)
            for a in a0..<a1 {
                let src = p + a * n * inner, dst = o + a * inner
                // Column blocks keep the accumulating output row in L1 while n input rows stream by.
                var blockStart = j0
                while blockStart < j1 {
                    let blockEnd = Swift.min(blockStart + 2048, j1)
                    for j in blockStart..<blockEnd { dst[j] = f.first(src[j]) }
                    for k in 1..<n {
                        let s = src + k * inner
                        for j in blockStart..<blockEnd { dst[j] = f.combine(dst[j], s[j]) }
                    }
                    blockStart = blockEnd
                }
            }
        }
    }

    /// Float sums of contiguous rows: SIMD partial sums within 256-element blocks, blocks added in
    /// Double, so long rows stay accurate (close to NumPy's pairwise summation).
    static func sumRows(_ p: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ outer: Int, _ n: Int) {
        if outer == 1 {
            var partial = [Double](repeating: 0, count: Parallel.chunks)
            partial.withUnsafeMutableBufferPointer { buffer in
                let parts = buffer.baseAddress.unsafelyUnwrapped
                if n < Parallel.threshold {
                    parts[0] = rowSum(p, n)
                } else {
                    Parallel.forRanges(Parallel.chunks, work: n) { start, end in
                        for part in start..<end {
                            let s = n * part / Parallel.chunks, e = n * (part + 1) / Parallel.chunks
                            parts[part] = rowSum(p + s, e - s)
                        }
                    }
                }
            }
            o[0] = Float(partial.reduce(0, +))
            return
        }
        Parallel.forRanges(outer, work: outer * n) { start, end in
            for a in start..<end { o[a] = Float(rowSum(p + a * n, n)) }
        }
    }

    @inline(__always)
    static func rowSum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        var total = 0.0
        var start = 0
        let raw = UnsafeRawPointer(p)
        while start < n {
            let end = Swift.min(start + 256, n)
            var lanes = SIMD8<Float>(repeating: 0)
            var i = start
            while i + 8 <= end {
                lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                i += 8
            }
            var block = lanes.sum()
            while i < end { block += p[i]; i += 1 }
            total += Double(block)
            start = end
        }
        return total
    }
}
