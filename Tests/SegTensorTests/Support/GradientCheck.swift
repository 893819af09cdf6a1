import XCTest
@testable import SegTensor

/// Finite-difference gradient checking shared by the derivative tests.
///
/// The loss is `sum(f(inputs) * weights)` with fixed pseudo-random weights, so every output
/// element contributes with a different factor. Analytic gradients come from `backward()`;
/// numeric ones from central differences on each float32 input element.
enum GradientCheck {
    static func check(_ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Double = 2e-2,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ f: ([Tensor]) throws -> Tensor) throws {
        for input in inputs where input.dtype == .float32 { input.requiresGrad = true; input.grad = nil }
        let output = try f(inputs)
        let stream = RandomStream(seed: 99)
        let weights = try Tensor((0..<output.count).map { _ in Float(stream.uniform() * 2 - 1) }, shape: output.shape)
        let loss = try output.multiply(weights).sum()
        try loss.backward()
        func evaluate() throws -> Double {
            try GradMode.withoutGrad { try f(inputs).multiply(weights).sum().doubles()[0] }
        }
        for (n, input) in inputs.enumerated() where input.dtype == .float32 {
            XCTAssertTrue(input.isContiguous, "gradient check needs contiguous inputs", file: file, line: line)
            let analytic = input.grad?.doubles() ?? [Double](repeating: 0, count: input.count)
            let p = input.pointer(as: Float.self)
            for i in 0..<input.count {
                let saved = p[i]
                p[i] = saved + epsilon
                let plus = try evaluate()
                p[i] = saved - epsilon
                let minus = try evaluate()
                p[i] = saved
                let numeric = (plus - minus) / Double(2 * epsilon)
                let scale = max(1, abs(numeric), abs(analytic[i]))
                XCTAssertLessThanOrEqual(abs(numeric - analytic[i]) / scale, tolerance,
                                         "input \(n) element \(i): numeric \(numeric) vs analytic \(analytic[i])",
                                         file: file, line: line)
            }
        }
    }

    /// A contiguous float32 tensor of `shape` with values in [low, high) from a fixed seed.
    static func random(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1) throws -> Tensor {
        let stream = RandomStream(seed: seed)
        let values = (0..<Shape.count(shape)).map { _ in Float(low + (high - low) * stream.uniform()) }
        return try Tensor(values, shape: shape)
    }
}

/// Assertion helpers for tensor values.
func assertValues(_ tensor: Tensor, _ expected: [Double], shape: [Int]? = nil, accuracy: Double = 1e-5,
                  file: StaticString = #filePath, line: UInt = #line) {
    if let shape { XCTAssertEqual(tensor.shape, shape, "shape", file: file, line: line) }
    let values = tensor.doubles()
    XCTAssertEqual(values.count, expected.count, "element count", file: file, line: line)
    for (i, (v, e)) in zip(values, expected).enumerated() {
        if e.isNaN { XCTAssertTrue(v.isNaN, "element \(i): \(v) is not NaN", file: file, line: line); continue }
        XCTAssertEqual(v, e, accuracy: accuracy, "element \(i) of \(values)", file: file, line: line)
    }
}

/// Asserts that `body` throws a TensorError whose message contains every fragment.
func assertThrowsMessage<T>(_ body: @autoclosure () throws -> T, _ fragments: String...,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        let message = "\(error)"
        for fragment in fragments {
            XCTAssertTrue(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"", file: file, line: line)
        }
    }
}

extension Tensor {
    /// A float32 tensor from doubles (test shorthand).
    static func f(_ values: [Double], _ shape: [Int]) throws -> Tensor { try Tensor(doubles: values, shape: shape) }
}
