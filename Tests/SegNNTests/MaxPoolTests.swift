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

    /// The first largest value of each 2x2 window in row-major order (a NaN wins when met) and its
    /// offset in the plane: the reference the vector kernels must reproduce bit for bit.
    private func reference(_ x: [Float], planes: Int, height h: Int, width w: Int) -> (out: [Float], winners: [Int]) {
        var out: [Float] = [], winners: [Int] = []
        for p in 0..<planes {
            for oy in 0..<(h / 2) {
                for ox in 0..<(w / 2) {
                    let offsets = [2 * oy * w + 2 * ox, 2 * oy * w + 2 * ox + 1, (2 * oy + 1) * w + 2 * ox, (2 * oy + 1) * w + 2 * ox + 1]
                    var best = offsets[0]
                    for o in offsets.dropFirst() {
                        let v = x[p * h * w + o], b = x[p * h * w + best]
                        if !b.isNaN && (v > b || v.isNaN) { best = o }
                    }
                    out.append(x[p * h * w + best])
                    winners.append(best)
                }
            }
        }
        return (out, winners)
    }

    func testVectorKernelsMatchTheReferenceWithNaNTiesAndRowTails() throws {
        let detected = VectorKernels.level
        defer { VectorKernels.level = detected }
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        // Widths: less than one vector of outputs, whole AVX-512 and AVX2 vectors, vectors and a
        // tail, an odd width (last column dropped); heights odd and even.
        for (planes, h, w) in [(3, 5, 7), (2, 4, 32), (2, 3, 16), (3, 6, 75), (1, 2, 66), (4, 7, 130)] {
            // Small integers make ties common; NaN and -infinity appear too.
            let values: [Float] = (0..<(planes * h * w)).map { _ in
                switch next() % 16 { case 0: .nan; case 1: -.infinity; default: Float(next() % 5) - 2 }
            }
            let expected = reference(values, planes: planes, height: h, width: w)
            for level in stride(from: detected, through: 0, by: -1) {
                VectorKernels.level = level
                let x = try Tensor(values, shape: [1, planes, h, w])
                x.requiresGrad = true
                let y = try NN.maxPool2d(x, kernel: 2)
                try y.sum().backward()
                let out = try y.floats(), grad = try XCTUnwrap(x.grad).floats()
                let context = "level \(level), \(planes) planes of \(h)x\(w)"
                XCTAssertEqual(out.map(\.bitPattern), expected.out.map(\.bitPattern), context)
                var expectedGrad = [Float](repeating: 0, count: values.count)
                for (o, offset) in expected.winners.enumerated() { expectedGrad[(o / ((h / 2) * (w / 2))) * h * w + offset] += 1 }
                XCTAssertEqual(grad, expectedGrad, context)
                // Without a gradient to record (inference) the winners are skipped, not the values.
                let inference = try GradMode.withoutGrad { try NN.maxPool2d(x, kernel: 2).floats() }
                XCTAssertEqual(inference.map(\.bitPattern), expected.out.map(\.bitPattern), context + ", inference")
            }
        }
    }
}
