import XCTest
@testable import SegTensor

/// The word-at-a-time mask loops against one-element-at-a-time loops, over lengths and offsets
/// that leave every kind of tail, masks from empty to full, and both element sizes.
final class IndexKernelsTests: XCTestCase {
    /// Deterministic flags with the given share of ones (bytes 0 or 1, as bool storage holds).
    private func flags(_ count: Int, density: Double, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) < density ? 1 : 0
        }
    }

    private let densities = [0.0, 0.02, 1.0 / 12, 0.24, 0.26, 0.5, 0.97, 1.0]
    private let ranges = [(0, 0), (0, 1), (3, 10), (0, 64), (5, 133), (7, 1000), (0, 4099)]

    func testCountFlagsMatchesElementCount() {
        for density in densities {
            let f = flags(4200, density: density, seed: 1)
            for (start, end) in ranges {
                let expected = f[start..<end].reduce(0) { $0 + Int($1) }
                let counted = f.withUnsafeBufferPointer { IndexKernels.countFlags($0.baseAddress!, start, end) }
                XCTAssertEqual(counted, expected, "density \(density), \(start)..<\(end)")
            }
        }
    }

    func testCompactMatchesFilterForSparseAndDenseMasks() {
        for density in densities {
            let f = flags(4200, density: density, seed: 2)
            let source = (0..<4200).map { UInt32($0) &* 2654435761 }
            for (start, end) in ranges {
                let expected = (start..<end).filter { f[$0] == 1 }.map { source[$0] }
                // Slots before `first` and after the selection must stay untouched.
                let first = 3
                var out = [UInt32](repeating: 7, count: first + expected.count + 5)
                f.withUnsafeBufferPointer { fp in
                    source.withUnsafeBufferPointer { sp in
                        out.withUnsafeMutableBufferPointer { op in
                            IndexKernels.compactElements(fp.baseAddress!, sp.baseAddress!, op.baseAddress!, start, end,
                                                         first: first, selected: expected.count)
                        }
                    }
                }
                XCTAssertEqual(Array(out[first..<(first + expected.count)]), expected, "density \(density), \(start)..<\(end)")
                XCTAssertEqual(Array(out[..<first]) + Array(out[(first + expected.count)...]), [UInt32](repeating: 7, count: first + 5))
            }
        }
    }

    func testFillSetsOnlyFlaggedElementsOfBothWidths() {
        for density in densities {
            let f = flags(1100, density: density, seed: 3)
            for (start, end) in ranges where end <= 1100 {
                var wide = (0..<1100).map { UInt32($0) }, narrow = (0..<1100).map { UInt8(truncatingIfNeeded: $0) }
                f.withUnsafeBufferPointer { fp in
                    wide.withUnsafeMutableBufferPointer { IndexKernels.fill(fp.baseAddress!, $0.baseAddress!, 0xDEAD_BEEF, start, end) }
                    narrow.withUnsafeMutableBufferPointer { IndexKernels.fill(fp.baseAddress!, $0.baseAddress!, 0xAB, start, end) }
                }
                for i in 0..<1100 {
                    let set = i >= start && i < end && f[i] == 1
                    XCTAssertEqual(wide[i], set ? 0xDEAD_BEEF : UInt32(i))
                    XCTAssertEqual(narrow[i], set ? 0xAB : UInt8(truncatingIfNeeded: i))
                }
            }
        }
    }

    func testCopyRowsOfEveryWidth() {
        let rows: [Int32] = [2, 0, 2, 1]
        for inner in 1...6 {
            let source = (0..<(3 * inner)).map { Float($0) }
            var out = [Float](repeating: -1, count: rows.count * inner)
            source.withUnsafeBufferPointer { sp in
                rows.withUnsafeBufferPointer { rp in
                    out.withUnsafeMutableBufferPointer {
                        IndexKernels.copyRows(sp.baseAddress!, $0.baseAddress!, rp.baseAddress!, 0, rows.count, inner: inner)
                    }
                }
            }
            XCTAssertEqual(out, rows.flatMap { r in (0..<inner).map { Float(Int(r) * inner + $0) } }, "inner \(inner)")
        }
    }

    func testGatherKeepsItsIndicesForBackwardWhenTheCallerOverwritesThem() throws {
        let x = try Tensor.f([1, 2, 3], [3])
        x.requiresGrad = true
        let index = try Tensor(int32: [2, 2, 0], shape: [3])
        let picked = try x.gather(index)
        try index.maskedAssign(Tensor(bools: [true, true, true], shape: [3]), Tensor(int32: [1], shape: [1]))
        try picked.sum().backward()
        XCTAssertEqual(x.grad?.doubles(), [1, 0, 2])
        let wrapped = try Tensor.f([1, 2, 3], [3])
        wrapped.requiresGrad = true
        let negative = try Tensor(int32: [-1, 0], shape: [2])
        XCTAssertEqual(try wrapped.gather(negative).doubles(), [3, 1])
        XCTAssertEqual(negative.doubles(), [-1, 0], "wrapping negatives must not write into the index tensor")
    }
}
