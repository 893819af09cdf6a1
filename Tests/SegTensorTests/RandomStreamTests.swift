import XCTest
@testable import SegTensor
import SegTestSupport

final class RandomStreamTests: XCTestCase {
    func testPhiloxKnownAnswers() {
        // Known-answer vectors of Philox4x32-10 from the Random123 distribution.
        let zero = RandomStream.philox((0, 0, 0, 0), key: (0, 0))
        XCTAssertEqual([zero.0, zero.1, zero.2, zero.3], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8])
        let ones = RandomStream.philox((.max, .max, .max, .max), key: (.max, .max))
        XCTAssertEqual([ones.0, ones.1, ones.2, ones.3], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd])
        let pi = RandomStream.philox((0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), key: (0xa4093822, 0x299f31d0))
        XCTAssertEqual([pi.0, pi.1, pi.2, pi.3], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1])
    }

    func testSameSeedSameNumbers() throws {
        let a = RandomStream(seed: 42), b = RandomStream(seed: 42)
        let xs = (0..<10).map { _ in a.nextUInt32() }
        XCTAssertEqual(xs, (0..<10).map { _ in b.nextUInt32() })
        XCTAssertNotEqual(xs, (0..<10).map { _ in RandomStream(seed: 43).nextUInt32() })
    }

    func testFixedExpectedNumbers() throws {
        // Pinned outputs: any change to the generator shows up here.
        let stream = RandomStream(seed: 0)
        XCTAssertEqual((0..<4).map { _ in stream.nextUInt32() }, RandomStreamTests.pinned)
        let t = try Tensor.rand([3], stream: RandomStream(seed: 7))
        XCTAssertEqual(t.floats(), RandomStreamTests.pinnedUniform)
        let n = try Tensor.randn([3], stream: RandomStream(seed: 7))
        XCTAssertEqual(n.floats(), RandomStreamTests.pinnedNormal)
    }

    func testBulkFillMatchesSingleDraws() throws {
        let a = RandomStream(seed: 9), b = RandomStream(seed: 9)
        _ = a.uniformFloat(); _ = b.uniformFloat()   // start mid-block
        let bulk = try Tensor.rand([11], stream: a).floats()
        XCTAssertEqual(bulk, (0..<11).map { _ in b.uniformFloat() })
        XCTAssertEqual(a.uniformFloat(), b.uniformFloat(), "the streams stay in step")
    }

    func testDistributionMoments() throws {
        let u = try Tensor.rand([100_000], stream: RandomStream(seed: 1))
        XCTAssertEqual(try u.mean().item().doubleValue, 0.5, accuracy: 0.01)
        XCTAssertGreaterThanOrEqual(try u.min().item().doubleValue, 0)
        XCTAssertLessThan(try u.max().item().doubleValue, 1)
        let n = try Tensor.randn([100_000], stream: RandomStream(seed: 2))
        XCTAssertEqual(try n.mean().item().doubleValue, 0, accuracy: 0.02)
        XCTAssertEqual(try n.std().item().doubleValue, 1, accuracy: 0.02)
    }

    func testSplitIsDeterministicAndIndependentOfConsumption() throws {
        let parent = RandomStream(seed: 5)
        let first = parent.split(key: "cell-1").nextUInt64()
        _ = parent.nextUInt64()
        XCTAssertEqual(parent.split(key: "cell-1").nextUInt64(), first)
        XCTAssertNotEqual(parent.split(key: "cell-2").nextUInt64(), first)
        XCTAssertNotEqual(parent.split(key: 1).nextUInt64(), parent.split(key: 2).nextUInt64())
    }

    func testGlobalStreamIsSeedable() throws {
        RandomStream.seedGlobal(11)
        let a = try Tensor.randn([4])
        RandomStream.seedGlobal(11)
        XCTAssertEqual(try Tensor.randn([4]).floats(), a.floats())
    }

    func testIntBelow() throws {
        let s = RandomStream(seed: 3)
        let values = try (0..<1000).map { _ in try s.int(below: 6) }
        XCTAssertEqual(Set(values), Set(0..<6))
        assertThrowsMessage(try s.int(below: 0), "bound")
    }

    static let pinned: [UInt32] = [2850264630, 617337595, 2103362494, 1089520640]
    static let pinnedUniform: [Float] = [0.30871743, 0.59604675, 0.63897425]
    static let pinnedNormal: [Float] = [-1.2623726, -0.87009925, -0.47193396]
}
