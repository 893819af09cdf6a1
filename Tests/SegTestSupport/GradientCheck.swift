import XCTest
import SegTensor

/// Finite-difference gradient checking for every differentiable op and layer.
///
/// The loss is `Σ f(inputs) · r` with fixed pseudo-random weights `r`, accumulated in double so
/// that every output element reaches each input with a different factor and the sum itself adds
/// no float32 rounding. Analytic gradients come from `backward()`; numeric ones from central
/// differences on each element of every float32 input.
public enum GradientCheck {
    /// What a gradient's error is measured against.
    public enum Scale: Sendable {
        /// Each element on its own: |numeric − analytic| ≤ tolerance · max(1, |numeric|, |analytic|).
        case eachElement
        /// The whole input at once: the largest error ≤ tolerance · the largest |numeric| (at
        /// least 1e-3), strict where the gradients are small, as layers' often are.
        case largestGradient
    }

    /// Checks d(Σ f(inputs)·r)/d(input) for every float32 input (marked to require gradients).
    public static func check(_ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Double = 2e-2,
                             scale: Scale = .eachElement, file: StaticString = #filePath, line: UInt = #line,
                             _ f: ([Tensor]) throws -> Tensor) throws {
        try check("", inputs, epsilon: epsilon, tolerance: tolerance, scale: scale, file: file, line: line, f)
    }

    /// The same, naming the case in failure messages.
    public static func check(_ name: String, _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Double = 2e-2,
                             scale: Scale = .eachElement, file: StaticString = #filePath, line: UInt = #line,
                             _ f: ([Tensor]) throws -> Tensor) throws {
        let label = name.isEmpty ? "" : name + " "
        let checked = inputs.enumerated().filter { $0.element.dtype == .float32 }
        for (_, input) in checked { input.requiresGrad = true; input.grad = nil }
        let output = try f(inputs)
        let stream = RandomStream(seed: 99)
        let weights = (0..<output.count).map { _ in stream.uniform() * 2 - 1 }
        try project(output, weights).backward()
        func loss() throws -> Double { try GradMode.withoutGrad { try project(f(inputs), weights).doubles()[0] } }

        for (n, input) in checked {
            XCTAssertTrue(input.isContiguous, "\(label)gradient check needs contiguous inputs", file: file, line: line)
            // No gradient means zero: it fails below wherever the numeric gradient is not.
            let analytic = input.grad?.doubles() ?? [Double](repeating: 0, count: input.count)
            let p = input.pointer(as: Float.self)
            var numeric = [Double](repeating: 0, count: input.count)
            for i in 0..<input.count {
                let saved = p[i]
                p[i] = saved + epsilon
                let plus = try loss()
                p[i] = saved - epsilon
                let minus = try loss()
                p[i] = saved
                numeric[i] = (plus - minus) / Double(2 * epsilon)
            }
            switch scale {
            case .eachElement:
                for i in numeric.indices {
                    let bound = max(1, abs(numeric[i]), abs(analytic[i]))
                    XCTAssertLessThanOrEqual(abs(numeric[i] - analytic[i]) / bound, tolerance,
                                             "\(label)input \(n) element \(i): numeric \(numeric[i]) vs analytic \(analytic[i])",
                                             file: file, line: line)
                }
            case .largestGradient:
                let worst = zip(numeric, analytic).map { abs($0 - $1) }.max() ?? 0
                let largest = max(1e-3, numeric.map(abs).max() ?? 0)
                XCTAssertLessThanOrEqual(worst / largest, tolerance,
                                         "\(label)input \(n): largest error \(worst) of gradients up to \(largest)",
                                         file: file, line: line)
            }
        }
    }

    /// Σ output · weights as a one-element tensor whose backward pass hands each output element its weight.
    private static func project(_ output: Tensor, _ weights: [Double]) throws -> Tensor {
        let total = zip(output.doubles(), weights).reduce(0) { $0 + $1.0 * $1.1 }
        let shape = output.shape
        return Tensor.record(try Tensor(scalar: Float(total)), name: "project", inputs: [output]) { upstream in
            let factor = upstream.doubles()[0]
            return [try Tensor(weights.map { Float($0 * factor) }, shape: shape)]
        }
    }

    /// A contiguous float32 tensor of `shape` with values in [low, high) from a fixed seed.
    public static func random(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1) throws -> Tensor {
        let stream = RandomStream(seed: seed)
        let values = (0..<Shape.count(shape)).map { _ in Float(low + (high - low) * stream.uniform()) }
        return try Tensor(values, shape: shape)
    }
}
