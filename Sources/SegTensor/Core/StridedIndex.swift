/// Walks the element offsets of a strided view in row-major logical order (slow paths only:
/// printing, conversion to Swift arrays, index assignment of odd layouts).
enum StridedIndex {
    /// Calls `body` with each element's storage offset, relative to the view's first element.
    static func forEachOffset(shape: [Int], strides: [Int], _ body: (Int) throws -> Void) rethrows {
        let count = Shape.count(shape)
        if count == 0 { return }
        let rank = shape.count
        if rank == 0 { try body(0); return }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        let inner = shape[rank - 1], innerStride = strides[rank - 1]
        var done = 0
        while done < count {
            for i in 0..<inner { try body(offset + i * innerStride) }
            done += inner
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// The storage offset (relative to the view) of the `row`-th run of the innermost axis.
    @inline(__always)
    static func rowOffset(_ row: Int, shape: [Int], strides: [Int]) -> Int {
        var remaining = row, offset = 0
        var axis = shape.count - 2
        while axis >= 0 && remaining > 0 {
            let size = shape[axis]
            offset += (remaining % size) * strides[axis]
            remaining /= size
            axis -= 1
        }
        return offset
    }
}
