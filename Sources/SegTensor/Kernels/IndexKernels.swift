import Foundation

/// The loops behind masked selection, gathers and their assignments, over raw buffers of 4-byte
/// (float32, int32) or 1-byte (bool) elements.
///
/// Bool storage holds 0 or 1 in each byte, so eight flags are read as one `UInt64` and summed
/// with a multiply; selections and fills are branch-free, because a mask over images is as good
/// as random to the branch predictor (a branch per element cost 3 ns at density 1/2).
enum IndexKernels {
    /// The low bit of each byte of a word.
    static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// The number of set flags (bytes 0 or 1) in `flags[start..<end]`.
    @inline(__always)
    static func countFlags(_ flags: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start, total = 0
        let raw = UnsafeRawPointer(flags)
        while i + 8 <= end {
            // Each byte is 0 or 1, so the top byte of the product is the byte sum (at most 8).
            total &+= Int(((raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & lowBits) &* lowBits) &>> 56)
            i &+= 8
        }
        while i < end { total &+= Int(flags[i] & 1); i &+= 1 }
        return total
    }

    /// Copies row `rows[j]` of `inner` elements of `from` to row `j` of `to`, for `j` in
    /// `start..<end`; `rows` are already checked to be in range.
    @inline(__always)
    static func copyRows<T>(_ from: UnsafePointer<T>, _ to: UnsafeMutablePointer<T>, _ rows: UnsafePointer<Int32>, _ start: Int, _ end: Int, inner: Int) {
        switch inner {
        case 1: for j in start..<end { to[j] = from[Int(rows[j])] }
        case 2: copyRows(from, to, rows, start, end, width: 2)
        case 3: copyRows(from, to, rows, start, end, width: 3)
        case 4: copyRows(from, to, rows, start, end, width: 4)
        default:
            for j in start..<end { (to + j * inner).update(from: from + Int(rows[j]) * inner, count: inner) }
        }
    }

    /// `copyRows` for a row width known where it is inlined, so the inner loop unrolls.
    @inline(__always)
    private static func copyRows<T>(_ from: UnsafePointer<T>, _ to: UnsafeMutablePointer<T>, _ rows: UnsafePointer<Int32>, _ start: Int, _ end: Int, width: Int) {
        for j in start..<end {
            let source = from + Int(rows[j]) &* width, target = to + j &* width
            for c in 0..<width { target[c] = source[c] }
        }
    }

    /// Copies the elements of `source[start..<end]` whose flag is set to `out[first...]`;
    /// `selected` (how many flags in the range are set) picks the loop.
    @inline(__always)
    static func compactElements<T>(_ flags: UnsafePointer<UInt8>, _ source: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ start: Int, _ end: Int, first: Int, selected: Int) {
        if selected * 4 < end - start {
            compactSparse(flags, source, out, start, end, first: first)
        } else {
            compactDense(flags, source, out, start, end, first: first)
        }
    }

    /// A sparse mask's range: 64 flags packed into one bit set, then only its set bits visited.
    @inline(__always)
    private static func compactSparse<T>(_ flags: UnsafePointer<UInt8>, _ source: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ start: Int, _ end: Int, first: Int) {
        let raw = UnsafeRawPointer(flags)
        var i = start, k = first
        while i + 64 <= end {
            var bits: UInt64 = 0
            for q in 0..<8 {
                // Bit b of the product's top byte is byte b's flag.
                let word = raw.loadUnaligned(fromByteOffset: i &+ 8 &* q, as: UInt64.self) & lowBits
                bits |= ((word &* 0x0102_0408_1020_4080) &>> 56) &<< UInt64(8 &* q)
            }
            while bits != 0 {
                out[k] = source[i &+ bits.trailingZeroBitCount]
                k &+= 1
                bits &= bits &- 1
            }
            i &+= 64
        }
        while i < end {
            if flags[i] & 1 != 0 { out[k] = source[i]; k &+= 1 }
            i &+= 1
        }
    }

    /// A dense mask's range, branch-free: every element is written at the next free slot, which
    /// advances only past selected ones; ending at the range's last selected element keeps the
    /// writes inside this range's part of `out`.
    @inline(__always)
    private static func compactDense<T>(_ flags: UnsafePointer<UInt8>, _ source: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ start: Int, _ end: Int, first: Int) {
        var last = end - 1
        while last >= start, flags[last] & 1 == 0 { last -= 1 }
        guard last >= start else { return }
        let raw = UnsafeRawPointer(flags)
        var i = start, k = first
        while i + 8 <= last + 1 {
            // Byte b of the product is the number of set flags among the first b + 1, so each
            // element's slot comes from the word alone, not from the previous element's.
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & lowBits
            let exclusive = (word &* lowBits) &- word
            for b in 0..<8 {
                out[k &+ Int(truncatingIfNeeded: (exclusive &>> UInt64(8 &* b)) & 0xFF)] = source[i &+ b]
            }
            k &+= Int(truncatingIfNeeded: (word &* lowBits) &>> 56)
            i &+= 8
        }
        while i <= last {
            out[k] = source[i]
            k &+= Int(flags[i] & 1)
            i &+= 1
        }
    }

    /// Sets the elements of `target[start..<end]` whose flag is set to `value`, eight at a
    /// time as one vector blend (a plain `flag ? value : old` compiles to a branch per element);
    /// words of eight clear flags are skipped.
    @inline(__always)
    static func fill<T: FixedWidthInteger & UnsignedInteger & SIMDScalar>(_ flags: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<T>, _ value: T, _ start: Int, _ end: Int) {
        let raw = UnsafeRawPointer(flags), values = SIMD8<T>(repeating: value)
        var i = start
        while i + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & lowBits
            if word != 0 {
                // A set flag gives keep = 0, a clear one all ones.
                let keep = SIMD8<T>(truncatingIfNeeded: unsafeBitCast(word, to: SIMD8<UInt8>.self)) &- 1
                let slot = UnsafeMutableRawPointer(target + i)
                let old = slot.loadUnaligned(as: SIMD8<T>.self)
                slot.storeBytes(of: (old & keep) | (values & ~keep), as: SIMD8<T>.self)
            }
            i &+= 8
        }
        while i < end {
            let keep = T(truncatingIfNeeded: flags[i] & 1) &- 1
            target[i] = (target[i] & keep) | (value & ~keep)
            i &+= 1
        }
    }
}
