import Foundation
import XCTest
import SegTestSupport
@testable import SegTensor

/// Values and shapes that used to give silently wrong results or take minutes.
final class HostileValueTests: XCTestCase {
    func testInt32CreationRefusesValuesThatDoNotFit() throws {
        XCTAssertEqual(thrownMessage { _ = try Tensor(nested: [3e9], dtype: .int32) }, "value 3000000000 is out of bounds for int32 (-2147483648...2147483647)")
        XCTAssertTrue(thrownMessage { _ = try Tensor(nested: [1.0, -2147483649], dtype: .int32) }.contains("-2147483649"))
        XCTAssertTrue(thrownMessage { _ = try Tensor(nested: [Double.nan], dtype: .int32) }.contains("nan"))
        XCTAssertTrue(thrownMessage { _ = try Tensor(nested: [Double.infinity], dtype: .int32) }.contains("inf"))
        XCTAssertTrue(thrownMessage { _ = try Tensor.full([3], 1e300, dtype: .int32) }.contains("out of bounds for int32"))
        let edge = try Tensor(nested: [2147483647.0, -2147483648, -2.9, 2147483647.5], dtype: .int32)
        XCTAssertEqual(Array(UnsafeBufferPointer(start: edge.pointer(as: Int32.self), count: 4)), [2147483647, -2147483648, -2, 2147483647])
    }

    func testIntegerPowerRefusesNegativeExponents() throws {
        let base = try Tensor(nested: [2, 3], dtype: .int32)
        XCTAssertTrue(thrownMessage { _ = try base.pow(Tensor.scalar(-1)) }.contains("Integers to negative integer powers are not allowed"))
        XCTAssertTrue(thrownMessage { _ = try base.pow(Tensor(nested: [2, -1], dtype: .int32)) }.contains("exponent -1"))
        let squared = try base.pow(Tensor.scalar(2))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: squared.pointer(as: Int32.self), count: 2)), [4, 9])
        // A float exponent (or base) gives float32, where negative powers are fine.
        XCTAssertEqual(try base.pow(-1.0).withFloats { Array($0) }, [0.5, Float(1.0 / 3.0)])
    }

    func testOverflowingShapeArithmeticIsAnError() {
        XCTAssertTrue(thrownMessage { _ = try Shape.checkedProduct([1 << 31, 1 << 31], "x") }.contains("x is too large"))
        XCTAssertTrue(thrownMessage { _ = try Shape.checkedProduct([Int.max, 2], "y") }.contains("too large"))
        XCTAssertTrue(thrownMessage { _ = try Shape.checkedSum([Int.max, 1], "z") }.contains("too large"))
        XCTAssertEqual(try Shape.checkedProduct([3, 4, 5], "ok"), 60)
        XCTAssertTrue(thrownMessage { try TensorStorage.checkAllocatable(1 << 38, elementSize: 8, for: "a test") }.contains("out of memory"))
        XCTAssertTrue(thrownMessage { try TensorStorage.checkAllocatable(Int.max, elementSize: 8, for: "a test") }.contains("a test"))
        XCTAssertNoThrow(try TensorStorage.checkAllocatable(1 << 20, elementSize: 4, for: "a test"))
    }

    func testPrintingAHighRankTensorTakesLinearTime() throws {
        let rank = 100_000
        let tensor = try Tensor.zeros([Int](repeating: 1, count: rank))
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let started = Date()
        // The printer recurses once per axis (bounded by the rank), as the interpreter's large stack allows.
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { box.text = TensorFormatter.body(tensor); done.signal() }
        thread.stackSize = 256 << 20
        thread.start()
        done.wait()
        let text = box.text
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(text, String(repeating: "[", count: rank) + "0." + String(repeating: "]", count: rank))
        XCTAssertEqual(try Tensor(nested: [[1.0, 2], [3, 4]]).description, "tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)")
    }
}
