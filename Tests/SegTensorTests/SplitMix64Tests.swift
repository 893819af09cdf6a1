import XCTest
@testable import SegTensor

/// SplitMix64 against the published reference sequence (Vigna's splitmix64.c), and its helpers.
final class SplitMix64Tests: XCTestCase {
    func testReferenceSequenceForSeedZero() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(rng.next(), 0x06C4_5D18_8009_454F)
    }

    func testPermutationIsAPermutationAndSeedDependent() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7), c = SplitMix64(seed: 8)
        let p = a.permutation(50)
        XCTAssertEqual(p.sorted(), Array(0..<50))
        XCTAssertEqual(p, b.permutation(50))
        XCTAssertNotEqual(p, c.permutation(50))
    }

    func testSubStreamsDifferAndUniformStaysInRange() {
        var first = SplitMix64(seed: 1, stream: 0), second = SplitMix64(seed: 1, stream: 1)
        XCTAssertNotEqual(first.next(), second.next())
        for _ in 0..<1000 {
            let u = first.uniform()
            XCTAssertTrue(u >= 0 && u < 1)
            XCTAssertTrue((3...5).contains(second.int(in: 3...5)))
        }
    }
}
