import Foundation

/// Copies an arbitrarily strided view into a contiguous tensor of the same shape and dtype.
enum StridedCopy {
    /// `destination` must be contiguous with `source`'s shape and dtype.
    static func copy(from source: Tensor, into destination: Tensor) {
        let count = source.count
        if count == 0 { return }
        let elementSize = source.dtype.byteSize
        let sourceBase = source.storage.base.advanced(by: source.offset * elementSize)
        let destinationBase = destination.storage.base.advanced(by: destination.offset * elementSize)
        if source.isContiguous {
            memcpy(destinationBase, sourceBase, count * elementSize)
            return
        }
        // Collapse to the innermost axis and walk the outer ones with an index counter.
        let rank = source.rank
        let innerSize = source.shape[rank - 1]
        let innerStride = source.strides[rank - 1]
        let outerCount = count / max(innerSize, 1)
        var index = [Int](repeating: 0, count: rank)
        var written = 0
        for _ in 0..<outerCount {
            var sourceOffset = 0
            for axis in 0..<(rank - 1) { sourceOffset += index[axis] * source.strides[axis] }
            switch elementSize {
            case 4:
                let from = sourceBase.assumingMemoryBound(to: UInt32.self).advanced(by: sourceOffset)
                let to = destinationBase.assumingMemoryBound(to: UInt32.self).advanced(by: written)
                for i in 0..<innerSize { to[i] = from[i * innerStride] }
            default:
                let from = sourceBase.assumingMemoryBound(to: UInt8.self).advanced(by: sourceOffset)
                let to = destinationBase.assumingMemoryBound(to: UInt8.self).advanced(by: written)
                for i in 0..<innerSize { to[i] = from[i * innerStride] }
            }
            written += innerSize
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < source.shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}

extension StridedCopy {
    /// Copies `source` into the same-shape, same-dtype view `destination`, both arbitrarily
    /// strided. Axes are coalesced so cat and slice writes run long inner loops.
    static func assign(from source: Tensor, into destination: Tensor) {
        let count = destination.count
        if count == 0 { return }
        var shape: [Int] = [], sd: [Int] = [], ss: [Int] = []
        for axis in 0..<destination.rank where destination.shape[axis] != 1 {
            let size = destination.shape[axis], a = destination.strides[axis], b = source.strides[axis]
            let last = shape.count - 1
            if last >= 0, sd[last] == a * size, ss[last] == b * size {
                shape[last] *= size; sd[last] = a; ss[last] = b
            } else {
                shape.append(size); sd.append(a); ss.append(b)
            }
        }
        if shape.isEmpty { shape = [1]; sd = [0]; ss = [0] }
        if destination.dtype.byteSize == 4 {
            assignRows(source.pointer(as: UInt32.self), destination.pointer(as: UInt32.self), shape, ss, sd, count)
        } else {
            assignRows(source.pointer(as: UInt8.self), destination.pointer(as: UInt8.self), shape, ss, sd, count)
        }
    }

    @inline(__always)
    private static func assignRows<T>(_ from: UnsafeMutablePointer<T>, _ to: UnsafeMutablePointer<T>,
                                      _ shape: [Int], _ ss: [Int], _ sd: [Int], _ count: Int) {
        let n = shape[shape.count - 1], a = sd[sd.count - 1], b = ss[ss.count - 1]
        Parallel.forRanges(count / n, work: count) { start, end in
            for row in start..<end {
                let d = to + StridedIndex.rowOffset(row, shape: shape, strides: sd)
                let s = from + StridedIndex.rowOffset(row, shape: shape, strides: ss)
                if a == 1 && b == 1 {
                    d.update(from: s, count: n)
                } else {
                    for i in 0..<n { d[i * a] = s[i * b] }
                }
            }
        }
    }
}
