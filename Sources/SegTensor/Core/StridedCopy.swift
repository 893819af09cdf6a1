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
