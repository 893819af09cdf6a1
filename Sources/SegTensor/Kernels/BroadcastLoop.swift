/// A broadcast loop over two operands, with axes coalesced so the innermost run is as long as
/// possible (a per-channel bias add on [N, C, H, W] becomes N*C runs of H*W with a constant
/// operand), and the output contiguous.
struct BroadcastLoop {
    /// Coalesced loop shape (never empty when `count > 0`).
    let shape: [Int]
    /// Coalesced element strides of each operand (0 along broadcast axes).
    let stridesA: [Int]
    let stridesB: [Int]
    /// Total elements.
    let count: Int

    init(outShape: [Int], a: Tensor, b: Tensor) {
        let rank = outShape.count
        func broadcastStrides(_ t: Tensor) -> [Int] {
            var result = [Int](repeating: 0, count: rank)
            let shift = rank - t.rank
            for i in 0..<t.rank where t.shape[i] != 1 { result[i + shift] = t.strides[i] }
            return result
        }
        let sa = broadcastStrides(a), sb = broadcastStrides(b)
        var shape: [Int] = [], ca: [Int] = [], cb: [Int] = []
        for i in 0..<rank where outShape[i] != 1 {
            let last = shape.count - 1
            if last >= 0, ca[last] == sa[i] * outShape[i], cb[last] == sb[i] * outShape[i] {
                shape[last] *= outShape[i]
                ca[last] = sa[i]
                cb[last] = sb[i]
            } else {
                shape.append(outShape[i]); ca.append(sa[i]); cb.append(sb[i])
            }
        }
        if shape.isEmpty { shape = [1]; ca = [0]; cb = [0] }
        self.shape = shape
        stridesA = ca
        stridesB = cb
        count = Shape.count(outShape)
    }

    /// Runs `op` over every output element; `a`, `b` point at each operand's first element.
    @inline(__always)
    func run<F: BinaryFunction>(_ a: UnsafePointer<F.Left>, _ b: UnsafePointer<F.Right>,
                                _ out: UnsafeMutablePointer<F.Output>, _ op: F) {
        if count == 0 { return }
        let rank = shape.count
        let n = shape[rank - 1], sa = stridesA[rank - 1], sb = stridesB[rank - 1]
        let rows = count / n
        if rows == 1 {
            Parallel.forRanges(n, work: n) { start, end in
                BroadcastLoop.inner(a + start * sa, b + start * sb, out + start, end - start, sa, sb, op)
            }
            return
        }
        let shape = self.shape, stridesA = self.stridesA, stridesB = self.stridesB
        Parallel.forRanges(rows, work: count) { start, end in
            for row in start..<end {
                let oa = StridedIndex.rowOffset(row, shape: shape, strides: stridesA)
                let ob = StridedIndex.rowOffset(row, shape: shape, strides: stridesB)
                BroadcastLoop.inner(a + oa, b + ob, out + row * n, n, sa, sb, op)
            }
        }
    }

    /// The innermost loop, specialised for the stride patterns that matter.
    @inline(__always)
    static func inner<F: BinaryFunction>(_ a: UnsafePointer<F.Left>, _ b: UnsafePointer<F.Right>,
                                         _ out: UnsafeMutablePointer<F.Output>,
                                         _ n: Int, _ sa: Int, _ sb: Int, _ op: F) {
        if sa == 1 && sb == 1 {
            for i in 0..<n { out[i] = op(a[i], b[i]) }
        } else if sa == 1 && sb == 0 {
            let y = b[0]
            for i in 0..<n { out[i] = op(a[i], y) }
        } else if sa == 0 && sb == 1 {
            let x = a[0]
            for i in 0..<n { out[i] = op(x, b[i]) }
        } else {
            for i in 0..<n { out[i] = op(a[i * sa], b[i * sb]) }
        }
    }
}

/// A loop over one operand of any layout into a contiguous output.
enum MapLoop {
    @inline(__always)
    static func run<F: UnaryFunction>(_ x: Tensor, _ out: UnsafeMutablePointer<F.Output>, _ op: F) {
        let count = x.count
        if count == 0 { return }
        let a = UnsafePointer(x.pointer(as: F.Input.self))
        if x.isContiguous {
            Parallel.forRanges(count, work: count) { start, end in
                for i in start..<end { out[i] = op(a[i]) }
            }
            return
        }
        let shape = x.shape, strides = x.strides
        let n = shape[shape.count - 1], s = strides[strides.count - 1]
        Parallel.forRanges(count / n, work: count) { start, end in
            for row in start..<end {
                let base = a + StridedIndex.rowOffset(row, shape: shape, strides: strides)
                let o = out + row * n
                for i in 0..<n { o[i] = op(base[i * s]) }
            }
        }
    }
}
