import XCTest
@testable import SegTensor
import SegTestSupport

final class ArithmeticTests: XCTestCase {
    func testSameShapeOperations() throws {
        let a = try Tensor.f([1, 2, 3, 4], [2, 2]), b = try Tensor.f([4, 3, 2, 1], [2, 2])
        assertValues(try a + b, [5, 5, 5, 5], shape: [2, 2])
        assertValues(try a - b, [-3, -1, 1, 3])
        assertValues(try a * b, [4, 6, 6, 4])
        assertValues(try a / b, [0.25, 2.0 / 3, 1.5, 4])
        assertValues(try a.pow(b), [1, 8, 9, 4])
        assertValues(try a.maximum(b), [4, 3, 3, 4])
        assertValues(try a.minimum(b), [1, 2, 2, 1])
    }

    func testBroadcastingRowColumnAndScalar() throws {
        let column = try Tensor.f([10, 20], [2, 1]), row = try Tensor.f([1, 2, 3], [3])
        assertValues(try column + row, [11, 12, 13, 21, 22, 23], shape: [2, 3])
        assertValues(try row * 2.0, [2, 4, 6], shape: [3])
        assertValues(try 1.0 - row, [0, -1, -2])
        assertValues(try 6 / row, [6, 3, 2])
        let scalar = try Tensor.scalar(5.0)
        assertValues(try scalar + scalar, [10], shape: [])
        assertValues(try scalar * row, [5, 10, 15], shape: [3])
    }

    func testBroadcastingRankMismatchAndSizeZero() throws {
        let a = try Tensor.ones([2, 1, 3]), b = try Tensor.ones([4, 1])
        XCTAssertEqual(try (a + b).shape, [2, 4, 3])
        let empty = try Tensor.zeros([0, 3])
        XCTAssertEqual(try (empty + Tensor.ones([3])).shape, [0, 3])
        XCTAssertEqual(try (empty + Tensor.ones([1, 1])).shape, [0, 3])
        assertThrowsMessage(try empty + Tensor.ones([2, 3]), "[0, 3]", "[2, 3]")
    }

    func testIncompatibleShapesErrorNamesBoth() {
        assertThrowsMessage(try Tensor.ones([2, 3]) + Tensor.ones([4]), "add", "[2, 3]", "[4]", "broadcast")
    }

    func testBroadcastOfNonContiguousViews() throws {
        let a = try Tensor.f([1, 2, 3, 4, 5, 6], [2, 3]).transposed()       // [[1,4],[2,5],[3,6]]
        let bias = try Tensor.f([100, 200], [2])
        assertValues(try a + bias, [101, 204, 102, 205, 103, 206], shape: [3, 2])
        let big = try Tensor.arange(0, 4 * 64 * 9).reshape([4, 64, 9])
        let channel = try Tensor.arange(0, 64).reshape([64, 1])
        let sum = try big + channel
        XCTAssertEqual(sum.doubles()[9 * 5 + 2], Double(9 * 5 + 2 + 5))
    }

    func testLargeParallelAddMatchesSerial() throws {
        let n = 300_001
        let a = try Tensor.arange(0, Double(n)), b = try Tensor.full([n], 2)
        let c = try a * b
        XCTAssertEqual(c.doubles()[n - 1], Double(2 * (n - 1)))
        XCTAssertEqual(c.doubles()[n / 2], Double(2 * (n / 2)))
    }

    func testLargeBroadcastRowsMatchSerial() throws {
        let x = try Tensor.arange(0, 4 * 64 * 1000).reshape([4, 64, 1000])
        let bias = try Tensor.arange(0, 64).multiply(Tensor.scalar(-1.0)).reshape([64, 1])
        let y = try x + bias
        let values = y.doubles()
        for (n, c, w) in [(0, 0, 0), (3, 63, 999), (2, 17, 500), (1, 40, 3)] {
            XCTAssertEqual(values[(n * 64 + c) * 1000 + w], Double((n * 64 + c) * 1000 + w - c))
        }
        let t = try x.transpose(0, 2).relu()   // non-contiguous map over both cores
        XCTAssertEqual(t.shape, [1000, 64, 4])
        XCTAssertEqual(t.doubles()[(999 * 64 + 63) * 4 + 3], Double((3 * 64 + 63) * 1000 + 999))
    }

    func testDTypePromotion() throws {
        let i = try Tensor(ints: [1, 2, 3], shape: [3]), f = try Tensor.f([0.5, 0.5, 0.5], [3])
        let flags = try Tensor(bools: [true, false, true], shape: [3])
        XCTAssertEqual(try (i + i).dtype, .int32)
        XCTAssertEqual(try (i + f).dtype, .float32)
        XCTAssertEqual(try (i + 1).dtype, .int32)
        XCTAssertEqual(try (i + 1.5).dtype, .float32)
        XCTAssertEqual(try (i / i).dtype, .float32)
        XCTAssertEqual(try (flags + flags).dtype, .int32)
        assertValues(try flags + flags, [2, 0, 2])
        assertValues(try i.pow(Tensor.scalar(2)), [1, 4, 9])
        XCTAssertEqual(try i.pow(Tensor.scalar(2)).dtype, .int32)
        assertValues(try i / i, [1, 1, 1])
    }

    func testComparisonsGiveBool() throws {
        let a = try Tensor.f([1, 2, 3], [3])
        let lt = try a.compare(.less, 2.0)
        XCTAssertEqual(lt.dtype, .bool)
        XCTAssertEqual(lt.scalars(), [.bool(true), .bool(false), .bool(false)])
        assertValues(try a.compare(.greaterEqual, 2), [0, 1, 1])
        assertValues(try a.compare(.equal, Tensor(ints: [1, 0, 3], shape: [3])), [1, 0, 1])
        assertValues(try a.compare(.notEqual, Tensor.f([1], [1])), [0, 1, 1])
        assertValues(try a.compare(.lessEqual, 2.0), [1, 1, 0])
        assertValues(try a.compare(.greater, 2.0), [0, 0, 1])
    }

    func testLogicalOps() throws {
        let p = try Tensor(bools: [true, true, false, false], shape: [4])
        let q = try Tensor(bools: [true, false, true, false], shape: [4])
        assertValues(try p.logical(.and, q), [1, 0, 0, 0])
        assertValues(try p.logical(.or, q), [1, 1, 1, 0])
        assertValues(try p.logical(.xor, q), [0, 1, 1, 0])
        assertValues(try p.logicalNot(), [0, 0, 1, 1])
        assertThrowsMessage(try p.logical(.and, Tensor.ones([4])), "bool", "float32")
    }

    func testNegationOfBoolIsAnError() throws {
        assertThrowsMessage(try -Tensor(bools: [true], shape: [1]), "bool")
        assertValues(try -Tensor.f([1, -2], [2]), [-1, 2])
    }
}
