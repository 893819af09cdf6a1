import XCTest
import Foundation
@testable import SegTensor
import SegTestSupport

final class UnaryKernelsTests: XCTestCase {
    func testFloatFunctions() throws {
        let x = try Tensor.f([-2, 0, 1, 4], [4])
        assertValues(try x.exp(), [Foundation.exp(-2.0), 1, M_E, Foundation.exp(4.0)], accuracy: 1e-4)
        assertValues(try x.abs(), [2, 0, 1, 4])
        assertValues(try x.relu(), [0, 0, 1, 4])
        assertValues(try x.neg(), [2, 0, -1, -4])
        assertValues(try x.sigmoid(), [1 / (1 + Foundation.exp(2.0)), 0.5, 1 / (1 + Foundation.exp(-1.0)), 1 / (1 + Foundation.exp(-4.0))])
        assertValues(try x.tanh(), [Foundation.tanh(-2.0), 0, Foundation.tanh(1.0), Foundation.tanh(4.0)])
        assertValues(try x.clamp(min: -1, max: 2), [-1, 0, 1, 2])
        assertValues(try x.clamp(min: 0.5), [0.5, 0.5, 1, 4])
        let positive = try Tensor.f([1, 4, M_E], [3])
        assertValues(try positive.sqrt(), [1, 2, M_E.squareRoot()])
        assertValues(try positive.log(), [0, Foundation.log(4.0), 1])
    }

    func testSigmoidIsStableForLargeMagnitudes() throws {
        assertValues(try Tensor.f([-100, 100], [2]).sigmoid(), [0, 1], accuracy: 1e-30)
        XCTAssertFalse(try Tensor.f([-1000], [1]).sigmoid().doubles()[0].isNaN)
    }

    func testIntegerInputs() throws {
        let i = try Tensor(ints: [-3, 0, 5], shape: [3])
        XCTAssertEqual(try i.abs().dtype, .int32)
        assertValues(try i.abs(), [3, 0, 5])
        assertValues(try i.relu(), [0, 0, 5])
        XCTAssertEqual(try i.exp().dtype, .float32)
        XCTAssertEqual(try i.clamp(min: -1, max: 1).dtype, .int32)
        assertValues(try i.clamp(min: -1, max: 1), [-1, 0, 1])
        XCTAssertEqual(try i.clamp(min: 0.5).dtype, .float32)
        assertThrowsMessage(try i.clamp(min: 2, max: 1), "clamp", "2.0", "1.0")
    }

    func testNonContiguousInput() throws {
        let x = try Tensor.f([1, -2, 3, -4, 5, -6], [2, 3]).transposed()
        assertValues(try x.relu(), [1, 0, 0, 5, 3, 0], shape: [3, 2])
    }
}
