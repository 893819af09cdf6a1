import XCTest
@testable import SegTensor

/// Expected strings are NumPy's `array2string(a, separator=", ", prefix="tensor(")` for the same
/// float32/int32 values (bools print as the language's true/false).
final class TensorFormatterTests: XCTestCase {
    private func body(_ t: Tensor) -> String { TensorFormatter.body(t, indent: String(repeating: " ", count: 8)) }

    func testIntegralFloatsAndFullRepr() throws {
        let t = try Tensor.arange(0, 6).reshape([2, 3])
        XCTAssertEqual(body(t), "[[0., 1., 2.],\n        [3., 4., 5.]]")
        XCTAssertEqual(t.description, "tensor([[0., 1., 2.],\n        [3., 4., 5.]], shape=[2, 3], dtype=float32)")
        XCTAssertEqual(try Tensor.scalar(2.5).description, "tensor(2.5, shape=[], dtype=float32)")
    }

    func testFractionsPadToCommonWidths() throws {
        XCTAssertEqual(body(try Tensor.f([1.5, 2.25, -3], [3])), "[ 1.5 ,  2.25, -3.  ]")
        XCTAssertEqual(body(try Tensor.f([0.1, 0.2, 0.3], [3])), "[0.1, 0.2, 0.3]")
        XCTAssertEqual(body(try Tensor.f([1, .nan, -.infinity], [3])), "[  1.,  nan, -inf]")
    }

    func testScientificNotation() throws {
        XCTAssertEqual(body(try Tensor.f([1e-5, 1, 123], [3])), "[1.00e-05, 1.00e+00, 1.23e+02]")
    }

    func testLineWrapping() throws {
        let t = try Tensor.arange(0, 30).divide(Tensor.scalar(7.0))
        XCTAssertEqual(body(t), "[0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,\n        0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,\n        1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,\n        2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ,\n        2.857143  , 3.        , 3.142857  , 3.2857144 , 3.4285715 ,\n        3.5714285 , 3.7142856 , 3.857143  , 4.        , 4.142857  ]")
    }

    func testSummaryBeyondThousandElements() throws {
        XCTAssertEqual(body(try Tensor.arange(0, 1001)), "[   0.,    1.,    2., ...,  998.,  999., 1000.]")
        XCTAssertEqual(body(try Tensor.arange(0, 1000)).contains("..."), false)
        let grid = try Tensor.arange(0, 2000).reshape([40, 50])
        XCTAssertEqual(body(grid), "[[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,\n         4.900e+01],\n        [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,\n         9.900e+01],\n        [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02,\n         1.490e+02],\n        ...,\n        [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03,\n         1.899e+03],\n        [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03,\n         1.949e+03],\n        [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03,\n         1.999e+03]]")
    }

    func testIntegersBoolsAndRank3() throws {
        XCTAssertEqual(body(try Tensor(ints: [1, -20, 300, 4], shape: [2, 2])), "[[  1, -20],\n        [300,   4]]")
        XCTAssertEqual(body(try Tensor(ints: Array(0..<8), shape: [2, 2, 2])),
                       "[[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]]")
        XCTAssertEqual(body(try Tensor(bools: [true, false], shape: [2])), "[ true, false]")
        XCTAssertEqual(body(try Tensor.zeros([0, 2])), "[]")
    }

    func testOneLineSummary() throws {
        let t = try Tensor.f([1, 2, 3, 6], [2, 2])
        XCTAssertEqual(TensorFormatter.summary(t), "Tensor[2, 2] float32 min=1 max=6 mean=3")
        XCTAssertEqual(TensorFormatter.summary(try Tensor.zeros([0])), "Tensor[0] float32 (empty)")
    }
}
