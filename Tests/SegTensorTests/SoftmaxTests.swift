import XCTest
import SegTestSupport
import Foundation
@testable import SegTensor

final class SoftmaxTests: XCTestCase {
    func testSoftmaxRowsAndColumns() throws {
        let x = try Tensor.f([1, 2, 3, 1, 1, 1], [2, 3])
        let e = [Foundation.exp(1.0), Foundation.exp(2.0), Foundation.exp(3.0)]
        let z = e.reduce(0, +)
        assertValues(try x.softmax(axis: 1), [e[0] / z, e[1] / z, e[2] / z, 1.0 / 3, 1.0 / 3, 1.0 / 3])
        let columns = try x.softmax(axis: 0)
        assertValues(try columns.sum(axis: 0), [1, 1, 1])
        assertValues(try x.logSoftmax(axis: -1), [1 - Foundation.log(z), 2 - Foundation.log(z), 3 - Foundation.log(z),
                                                   -Foundation.log(3.0), -Foundation.log(3.0), -Foundation.log(3.0)])
    }

    func testStableForLargeLogits() throws {
        let x = try Tensor.f([1000, 1001, -1000], [3])
        let s = try x.softmax(axis: 0).doubles()
        XCTAssertFalse(s.contains { $0.isNaN })
        XCTAssertEqual(s[1], 1 / (1 + Foundation.exp(-1.0)), accuracy: 1e-5)
        XCTAssertEqual(try x.logSoftmax(axis: 0).doubles()[2], -2001 - Foundation.log(1 + Foundation.exp(-1.0)), accuracy: 1e-2)
    }

    func testChannelAxisOfImageBatch() throws {
        let x = try GradientCheck.random([2, 3, 2, 2], seed: 3)
        let s = try x.softmax(axis: 1)
        assertValues(try s.sum(axis: 1), [Double](repeating: 1, count: 8), shape: [2, 2, 2])
        assertThrowsMessage(try Tensor.scalar(1.0).softmax(axis: 0), "axis 0", "0 dimensions")
    }
}
