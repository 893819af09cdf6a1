import XCTest
@testable import SegScript
@testable import SegBindings
import SegTensor

/// List indices (`t[[0, 2]]`) and a tensor index in any position (`t[:, idx]`, `t[0, mask]`),
/// against NumPy's results on the same data (computed with NumPy 1.26 and pasted here).
final class IndexPositionTests: XCTestCase {
    private let setup = "let a = arange(0, 24).reshape(2, 3, 4)\nlet m = a[0] > 5\n"

    func testReadsMatchNumPy() throws {
        let output = try Seg.run(setup + """
            let p = fn(x) { print(x.shape, x.tolist()) }
            p(a[[1, 0, 1]].sum(axis: [1, 2]))
            p(a[:, [2, 0]])
            p(a[:, :, [3, -1, 0]][1])
            p(a[..., [1]])
            p(a[0, :, [1, 2]])
            p(a[1, [0, 2]])
            p(a[1, m])
            p(a[:, tensor([true, false, true])])
            p(a[:, [[0, 1], [2, 2]], 1])
            print(a[nil, :, [0, 2]].shape, a[[true, false]].shape, a[:, [true, false, true]].shape)
            """)
        XCTAssertEqual(output, """
            [3] [210.0, 66.0, 210.0]
            [2, 2, 4] [[[8.0, 9.0, 10.0, 11.0], [0.0, 1.0, 2.0, 3.0]], [[20.0, 21.0, 22.0, 23.0], [12.0, 13.0, 14.0, 15.0]]]
            [3, 3] [[15.0, 15.0, 12.0], [19.0, 19.0, 16.0], [23.0, 23.0, 20.0]]
            [2, 3, 1] [[[1.0], [5.0], [9.0]], [[13.0], [17.0], [21.0]]]
            [2, 3] [[1.0, 5.0, 9.0], [2.0, 6.0, 10.0]]
            [2, 4] [[12.0, 13.0, 14.0, 15.0], [20.0, 21.0, 22.0, 23.0]]
            [6] [18.0, 19.0, 20.0, 21.0, 22.0, 23.0]
            [2, 2, 4] [[[0.0, 1.0, 2.0, 3.0], [8.0, 9.0, 10.0, 11.0]], [[12.0, 13.0, 14.0, 15.0], [20.0, 21.0, 22.0, 23.0]]]
            [2, 2, 2] [[[1.0, 5.0], [9.0, 9.0]], [[13.0, 17.0], [21.0, 21.0]]]
            [1, 2, 2, 4] [1, 3, 4] [2, 2, 4]

            """, "a[0, :, [1, 2]] puts the picked axis first, as NumPy does when an Int is apart from the list")
    }

    func testAssignmentsMatchNumPy() throws {
        let output = try Seg.run(setup + """
            var b = zeros([2, 3, 4])
            b[:, [2, 0]] = arange(0, 4)
            b[0, :, [1, 2]] = tensor([[1, 2, 3], [4, 5, 6]])
            b[:, tensor([true, false, true]), 3] = 7
            b[1, m] = -1
            print(b.tolist())
            var labels = tensor([[0, 1, 2], [2, 1, 0]], dtype: "int32")
            labels[:, [0, 2]] = 9
            labels[[1]] += 1
            print(labels.tolist())
            """)
        XCTAssertEqual(output, """
            [[[0.0, 1.0, 4.0, 7.0], [0.0, 2.0, 5.0, 0.0], [0.0, 3.0, 6.0, 7.0]], [[0.0, 1.0, 2.0, 7.0], [0.0, 0.0, -1.0, -1.0], [-1.0, -1.0, -1.0, -1.0]]]
            [[9, 1, 9], [10, 2, 10]]

            """)
    }

    func testOutOfRangeAndMismatchedIndicesAreLocatedErrors() {
        assertFails(setup + "print(a[:, [0, 3]])", "index 3 is out of bounds for axis 1 with size 3", "test.seg:3:")
        assertFails(setup + "print(a[0, 0, [-5]])", "index -5 is out of bounds for axis 2 with size 4", "test.seg:3:")
        assertFails(setup + "print(a[:, tensor([true, false])])", "boolean index did not match indexed tensor along axis 1",
                    "size of axis is 3", "boolean axis is 2", "test.seg:3:")
        assertFails(setup + "var c = a.copy()\nc[:, [7]] = 1", "index 7 is out of bounds for axis 1 with size 3", "test.seg:4:")
        assertFails(setup + "var c = a.copy()\nc[:, [0, 1]] = tensor([1, 2, 3])", "cannot assign a value of shape [3] to a selection of shape [2, 2, 4]", "test.seg:4:")
        assertFails(setup + "print(a[[0], [1]])", "only one index may be a tensor or a list", "test.seg:3:")
        assertFails(setup + "print(a[[0.5]])", "a list index must hold only Ints (positions) or only Bools (a mask)", "test.seg:3:")
        assertFails(setup + "print(a[[0, true]])", "a list index must hold only Ints", "test.seg:3:")
        assertFails(setup + "print(a[:, a])", "a tensor index must be a bool mask or int32 indices, not float32", "test.seg:3:")
        assertFails(setup + "print(a[0, 0, 0, [0]])", "too many indices", "test.seg:3:")
    }

    /// Gradients through a list gather and a mask in a later position, by central differences.
    func testGradientsMatchFiniteDifferences() throws {
        let (interpreter, _) = Seg.interpreter()
        let select: [(String, [IndexArgument])] = [
            ("a[:, [2, 0, 2]]", [.slice(start: nil, stop: nil, step: nil), .value(.list([.int(2), .int(0), .int(2)]))]),
            ("a[0, :, [1, 2]]", [.value(.int(0)), .slice(start: nil, stop: nil, step: nil), .value(.list([.int(1), .int(2)]))]),
            ("a[:, mask]", [.slice(start: nil, stop: nil, step: nil), .value(try interpreter.evaluate("tensor([true, false, true])", name: "mask"))]),
        ]
        for (name, indices) in select {
            let x = try Tensor((0..<24).map { Float(($0 * 7) % 11) / 10 - 0.5 }, shape: [2, 3, 4])
            x.requiresGrad = true
            let out = try TensorObject.read(x, indices)
            let weights = try Tensor((0..<out.count).map { Float(($0 * 5) % 7) - 3 }, shape: out.shape)
            try out.multiply(weights).sum().backward()
            let analytic = try XCTUnwrap(x.grad, name).doubles()
            let p = x.pointer(as: Float.self)
            for i in 0..<x.count {
                func loss() throws -> Double { try GradMode.withoutGrad { try TensorObject.read(x, indices).multiply(weights).sum().doubles()[0] } }
                let saved = p[i]
                p[i] = saved + 0.01
                let plus = try loss()
                p[i] = saved - 0.01
                let minus = try loss()
                p[i] = saved
                XCTAssertEqual((plus - minus) / 0.02, analytic[i], accuracy: 1e-2, "\(name) element \(i)")
            }
        }
    }
}
