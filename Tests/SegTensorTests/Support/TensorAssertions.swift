import XCTest
@testable import SegTensor

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

extension Tensor {
    /// A float32 tensor from doubles (test shorthand).
    static func f(_ values: [Double], _ shape: [Int]) throws -> Tensor { try Tensor(doubles: values, shape: shape) }
}
