import XCTest
import SegTensor
@testable import SegNN

/// Max pooling by hand: values, floor mode, ties, NaN and where the gradient goes, for the 2x2
/// fast path and the general loop (3x3) alike.
final class MaxPoolTests: XCTestCase {
    /// Output values and the input gradient of sum(maxpool(x)) (1 at each winner).
    private func pool(_ values: [Float], shape: [Int], kernel: Int) throws -> (out: [Float], grad: [Float]) {
        let x = try Tensor(values, shape: shape)
        x.requiresGrad = true
        let y = try NN.maxPool2d(x, kernel: kernel)
        try y.sum().backward()
        return (y.floats(), try XCTUnwrap(x.grad).floats())
    }

    func testTwoByTwoWindowsTiesAndFloorMode() throws {
        // 3x5: the last row and column fill no window and are dropped. The first window ties
        // (4 twice): the first in row-major order wins. The second holds only -infinity and -1.
        let x: [Float] = [1, 4, -.infinity, -1, 9,
                          4, 2, -.infinity, -.infinity, 9,
                          9, 9, 9, 9, 9]
        let (out, grad) = try pool(x, shape: [1, 1, 3, 5], kernel: 2)
        XCTAssertEqual(out, [4, -1])
        XCTAssertEqual(grad, [0, 1, 0, 1, 0,
                              0, 0, 0, 0, 0,
                              0, 0, 0, 0, 0])
    }

    func testNaNWinsItsWindowAndTheFirstNaNTakesTheGradient() throws {
        for kernel in [2, 3] {
            var x = [Float](repeating: 0, count: kernel * kernel)
            x[1] = .nan
            x[kernel] = .nan
            x[kernel * kernel - 1] = 5
            let (out, grad) = try pool(x, shape: [1, 1, kernel, kernel], kernel: kernel)
            XCTAssertTrue(out[0].isNaN, "kernel \(kernel)")
            var expected = [Float](repeating: 0, count: kernel * kernel)
            expected[1] = 1
            XCTAssertEqual(grad, expected, "kernel \(kernel)")
        }
    }

    func testGeneralWindowMatchesHandComputed() throws {
        // 1 plane of 3x6 with 3x3 windows: two windows.
        let x: [Float] = [3, 1, 2, 0, 0, 0,
                          1, 7, 1, 0, 8, 0,
                          2, 1, 7, 0, 0, 8]
        let (out, grad) = try pool(x, shape: [1, 1, 3, 6], kernel: 3)
        XCTAssertEqual(out, [7, 8])
        XCTAssertEqual(grad, [0, 0, 0, 0, 0, 0,
                              0, 1, 0, 0, 1, 0,
                              0, 0, 0, 0, 0, 0])
    }

    func testPlanesAndBatchesPoolIndependently() throws {
        // 2 images x 3 channels of 4x4, large enough to be split across threads by plane.
        let values = (0..<(2 * 3 * 16)).map { Float(($0 * 37) % 23) }
        let (out, _) = try pool(values, shape: [2, 3, 4, 4], kernel: 2)
        var expected: [Float] = []
        for p in 0..<6 {
            for oy in 0..<2 {
                for ox in 0..<2 {
                    let base = p * 16 + oy * 8 + ox * 2
                    expected.append([values[base], values[base + 1], values[base + 4], values[base + 5]].max() ?? 0)
                }
            }
        }
        XCTAssertEqual(out, expected)
    }
}
