import CBLAS

/// Matrix products through cblas_sgemm (`@`).
extension Tensor {
    /// NumPy's matmul: 1-D operands are promoted to a row/column and the added axis removed;
    /// batch axes broadcast. int32/bool operands multiply exactly in int32.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError("matmul needs at least 1-D operands, got shapes \(shape) and \(other.shape)")
        }
        let a = rank == 1 ? try unsqueeze(0) : self
        let b = other.rank == 1 ? try other.unsqueeze(1) : other
        var result = try Tensor.matmulCore(a, b, context: (shape, other.shape))
        if rank == 1 { result = try result.squeeze(-2) }
        if other.rank == 1 { result = try result.squeeze(-1) }
        return result
    }

    /// Product of rank >= 2 operands with broadcast batch axes, recording its derivative.
    static func matmulCore(_ a: Tensor, _ b: Tensor, context: ([Int], [Int])? = nil) throws -> Tensor {
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (k2, n) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let shapes = context ?? (a.shape, b.shape)
        guard k == k2 else {
            throw TensorError("matmul: shapes \(shapes.0) and \(shapes.1) do not align (\(k) != \(k2))")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch: [Int]
        do { batch = try Shape.broadcast(batchA, batchB) } catch {
            throw TensorError("matmul: batch shapes of \(shapes.0) and \(shapes.1) cannot be broadcast together")
        }
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit, a.strides.allSatisfy({ $0 <= limit }), b.strides.allSatisfy({ $0 <= limit }) else {
            throw TensorError("matmul: shapes \(shapes.0) and \(shapes.1) exceed BLAS's 32-bit dimensions")
        }
        let dtype = DType.arithmetic(a.dtype, b.dtype)
        let out = try Tensor(shape: batch + [m, n], dtype: dtype, zeroed: k == 0)
        if dtype == .float32 {
            let x = try a.converted(to: .float32), y = try b.converted(to: .float32)
            try GemmKernel.batched(x, y, out, batch: batch, m: m, n: n, k: k)
            return Tensor.record(out, name: "matmul", inputs: [a, b], backward: DerivativeRules.matmul(a, b))
        }
        try GemmKernel.integer(a.converted(to: .int32), b.converted(to: .int32), out, batch: batch, m: m, n: n, k: k)
        return out
    }
}

/// Calls cblas_sgemm per batch matrix, passing transposed layouts through instead of copying.
enum GemmKernel {
    /// BLAS layout of a row/column-strided matrix, or nil when it needs a copy.
    static func layout(rows: Int, cols: Int, rowStride: Int, colStride: Int) -> (transposed: Bool, ld: Int)? {
        if cols == 1 || colStride == 1 {
            if rows == 1 { return (false, Swift.max(cols, 1)) }
            if rowStride >= Swift.max(cols, 1) { return (false, rowStride) }
        }
        if rows == 1 || rowStride == 1 {
            if cols == 1 { return (true, Swift.max(rows, 1)) }
            if colStride >= Swift.max(rows, 1) { return (true, colStride) }
        }
        return nil
    }

    /// Broadcast batch strides of `t` for `batch`.
    static func batchStrides(_ t: Tensor, _ batch: [Int]) -> [Int] {
        let own = t.rank - 2, shift = batch.count - own
        var result = [Int](repeating: 0, count: batch.count)
        for i in 0..<own where t.shape[i] != 1 { result[i + shift] = t.strides[i] }
        return result
    }

    static func batched(_ a: Tensor, _ b: Tensor, _ out: Tensor, batch: [Int], m: Int, n: Int, k: Int) throws {
        if m == 0 || n == 0 || k == 0 { return }
        var x = a, y = b
        var la = layout(rows: m, cols: k, rowStride: x.strides[x.rank - 2], colStride: x.strides[x.rank - 1])
        if la == nil { x = try StridedCopy.contiguousCopy(x); la = (false, k) }
        var lb = layout(rows: k, cols: n, rowStride: y.strides[y.rank - 2], colStride: y.strides[y.rank - 1])
        if lb == nil { y = try StridedCopy.contiguousCopy(y); lb = (false, n) }
        guard let (ta, lda) = la, let (tb, ldb) = lb else { return }
        let sa = batchStrides(x, batch), sb = batchStrides(y, batch)
        let pa = x.pointer(as: Float.self), pb = y.pointer(as: Float.self), po = out.pointer(as: Float.self)
        // OpenBLAS brings its own threads: segnb's idle ones should not spin beside them.
        Parallel.rest()
        for index in 0..<Shape.count(batch) {
            let oa = StridedIndex.flatOffset(index, shape: batch, strides: sa)
            let ob = StridedIndex.flatOffset(index, shape: batch, strides: sb)
            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, pa + oa, Int32(lda), pb + ob, Int32(ldb),
                        0, po + index * m * n, Int32(n))
        }
    }

    /// Exact int32 products with wrapping, for integer operands (rare; plain loops).
    static func integer(_ a: Tensor, _ b: Tensor, _ out: Tensor, batch: [Int], m: Int, n: Int, k: Int) throws {
        let x = try StridedCopy.contiguousIfNeeded(a), y = try StridedCopy.contiguousIfNeeded(b)
        let sa = batchStrides(x, batch), sb = batchStrides(y, batch)
        let pa = x.pointer(as: Int32.self), pb = y.pointer(as: Int32.self), po = out.pointer(as: Int32.self)
        for index in 0..<Shape.count(batch) {
            let ma = pa + StridedIndex.flatOffset(index, shape: batch, strides: sa)
            let mb = pb + StridedIndex.flatOffset(index, shape: batch, strides: sb)
            let mo = po + index * m * n
            for i in 0..<m {
                for j in 0..<n {
                    var total: Int32 = 0
                    for p in 0..<k { total = total &+ ma[i * k + p] &* mb[p * n + j] }
                    mo[i * n + j] = total
                }
            }
        }
    }
}

extension StridedIndex {
    /// The storage offset of the `index`-th element (row-major logical order) of a strided shape.
    @inline(__always)
    static func flatOffset(_ index: Int, shape: [Int], strides: [Int]) -> Int {
        var remaining = index, offset = 0
        var axis = shape.count - 1
        while axis >= 0 && remaining > 0 {
            offset += (remaining % shape[axis]) * strides[axis]
            remaining /= shape[axis]
            axis -= 1
        }
        return offset
    }
}
