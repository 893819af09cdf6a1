import XCTest
@testable import SegTensor

final class CastTests: XCTestCase {
    func testAstype() throws {
        let f = try Tensor.f([-1.7, 0, 2.9, .nan, 1e20], [5])
        let i = try f.astype(.int32)
        XCTAssertEqual(i.dtype, .int32)
        assertValues(i, [-1, 0, 2, 0, 2147483647])
        assertValues(try f.astype(.bool), [1, 0, 1, 1, 1])
        assertValues(try Tensor(bools: [true, false], shape: [2]).astype(.float32), [1, 0])
        let same = try f.astype(.float32)
        XCTAssertFalse(same.storage === f.storage, "astype copies, as NumPy")
    }

    func testContiguousAndCopyOfViews() throws {
        let t = try Tensor.arange(0, 6).reshape([2, 3])
        XCTAssertTrue(try t.contiguous() === t)
        let c = try t.transposed().contiguous()
        XCTAssertTrue(c.isContiguous)
        assertValues(c, [0, 3, 1, 4, 2, 5])
    }
}
