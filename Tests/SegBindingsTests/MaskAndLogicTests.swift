import XCTest
@testable import SegScript
@testable import SegBindings

/// Tensor truthiness, `& | ^ ~`, masks, gathers and assignment through indices, from Seg.
final class MaskAndLogicTests: XCTestCase {
    func testATensorInAConditionNeedsExactlyOneElement() throws {
        let setup = "let m = tensor([1, 2]) > 0\n"
        for use in ["if m { print(1) }", "while m { break }", "print(m and true)", "print(m or true)", "print(not m)",
                    "assert(m)", "print(bool(m))", "let k = if m { 1 } else { 2 }"] {
            assertFails(setup + use, "truth value of a tensor with 2 elements", ".any()", ".all()", "test.seg:2:")
        }
        XCTAssertEqual(try Seg.run("""
        if tensor([3]) > 2 { print("one element decides") }
        print(not (tensor(0) > 1), (tensor([[0]]) > 1) or "fallback")
        assert((tensor([1, 2]) > 0).all())
        """), "one element decides\ntrue fallback\n")
    }

    func testLogicAndBitwiseOperatorsOnNumbersAndBools() throws {
        XCTAssertEqual(try Seg.run("""
        print(6 & 3, 6 | 3, 6 ^ 3, ~5, ~-1)
        print(true & false, true | false, true ^ true, ~true)
        print(1 < 2 & 2 < 3, not true | true, 1 + 2 & 3, 2 ** 2 | 1)
        """), "2 7 5 -6 0\nfalse true false false\ntrue false 3 5\n")
        assertFails("print(1.5 & 1)", "'&' needs two Bools (logic) or two Ints (bitwise), not Float and Int")
        assertFails("print(true | 1)", "'|' needs two Bools")
        assertFails("print(~1.5)", "'~' needs a Bool, an Int")
        assertFails("print(~\"s\")", "not a String")
    }

    func testLogicOnTensors() throws {
        XCTAssertEqual(try Seg.run("""
        let l = tensor([0, 3, 11, 5], dtype: "int32")
        print((l >= 3 & l < 11).tolist(), (l == 0 | l == 11).tolist(), ((l > 2) ^ (l > 4)).tolist())
        print((~(l > 3)).tolist(), (~l).tolist(), (l & 1).tolist(), (l | 8).dtype, ((l > 3) & true).dtype)
        """), "[false, true, false, true] [true, false, true, false] [false, true, false, false]\n"
            + "[true, true, false, false] [-1, -4, -12, -6] [0, 1, 1, 1] int32 bool\n")
        assertFails("let x = tensor([1.0])\nprint(x & x)", "needs bool or int32 tensors, not float32")
        assertFails("print(~tensor([1.5]))", "needs a bool or int32 tensor, not float32")
    }

    func testMaskSelectionAndGathers() throws {
        XCTAssertEqual(try Seg.run("""
        let y = tensor([[0, 11, 3], [11, 11, 2]], dtype: "int32")
        print(y[y == 11].tolist(), (y == 11).sum().item(), y[y > 100].shape)
        let palette = tensor([[0, 0, 0], [10, 20, 30], [1, 2, 3], [7, 7, 7]], dtype: "int32")
        let labels = tensor([[0, 1], [3, 2]], dtype: "int32")
        let colored = palette[labels]
        print(colored.shape, colored.dtype, colored[1, 0].tolist(), palette[tensor([-1], dtype: "int32")].tolist())
        let x = arange(0, 12).reshape(3, 4)
        let rows = tensor([true, false, true])
        print(x[rows].shape, x[rows, 1:3].tolist(), x[tensor([[0, 1], [2, 0]], dtype: "int32"), 0].tolist())
        """), "[11, 11, 11] 3 [0]\n[2, 2, 3] int32 [7, 7, 7] [[7, 7, 7]]\n[2, 4] [[1.0, 2.0], [9.0, 10.0]] [[0.0, 4.0], [8.0, 0.0]]\n")
        assertFails("let p = zeros([4, 3])\nprint(p[tensor([4], dtype: \"int32\")])", "index 4 is out of bounds for axis 0 with size 4", "test.seg:2:")
        assertFails("let x = zeros([2, 3])\nprint(x[tensor([true, false, true])])", "boolean index did not match", "size of axis is 2")
        assertFails("let x = zeros([2, 3])\nprint(x[x + 1])", "bool mask or int32 indices, not float32")
        assertFails("let x = zeros([2, 3])\nprint(x[0, x > 0])", "too many indices for a tensor of shape [2, 3]", "test.seg:2:")
    }

    func testAssignmentThroughIndicesWithBroadcasting() throws {
        XCTAssertEqual(try Seg.run("""
        var t = zeros([2, 3, 4])
        t[0, :, 2:4] = 1
        print(t.sum().item())
        var labels = tensor([[0, 11], [3, 11]], dtype: "int32")
        labels[labels == 11] = 0
        print(labels.tolist())
        var other = tensor([[5, 6], [7, 8]], dtype: "int32")
        var mixed = zeros([2, 2], dtype: "int32")
        mixed[labels == 3] = other[labels == 3]
        print(mixed.tolist())
        var image = zeros([2, 2, 3])
        image[labels == 0] = tensor([1, 2, 3])
        print(image[0, 1].tolist(), image[1, 0].tolist())
        var rows = zeros([3, 2])
        rows[tensor([2, 0], dtype: "int32")] = tensor([[1, 1], [2, 2]])
        rows[tensor([true, false, false]), 1] = 9
        rows[tensor([1], dtype: "int32")] += 4
        print(rows.tolist())
        """), "6.0\n[[0, 0], [3, 0]]\n[[0, 0], [7, 0]]\n[1.0, 2.0, 3.0] [0.0, 0.0, 0.0]\n[[2.0, 9.0], [4.0, 4.0], [1.0, 1.0]]\n")
        assertFails("var s = zeros([2])\ns[tensor([true, true])] = tensor([1, 2, 3])",
                    "cannot assign a value of shape [3] to a selection of shape [2]", "test.seg:2:")
        assertFails("var s = zeros([2])\ns[0:2] = tensor([1, 2, 3])", "cannot assign a value of shape [3] to a selection of shape [2]")
        assertFails("var w = zeros([2])\nw.requires_grad = true\nw[0] = 1", "requires grad", "test.seg:3:")
        assertFails("let c = zeros([2])\nc[0] = 1", "cannot assign into 'c'", "declare it with var")
    }

    func testAssignmentHasValueSemantics() throws {
        XCTAssertEqual(try Seg.run("""
        var a = zeros([3])
        let b = a
        a[0] = 5
        print(a.tolist(), b.tolist())
        var view = a[1:3]
        view[0] = 7
        print(a.tolist(), view.tolist())
        fn fill(n) {
            var z = zeros([n])
            for i in 0..<n { z[i] = i }
            z
        }
        print(fill(4).tolist())
        var xs = [zeros([2])]
        let alias = xs[0]
        xs[0][1] = 3
        print(xs[0].tolist(), alias.tolist())
        var d = {img: zeros([2])}
        d.img[tensor([true, false])] = 7
        print(d.img.tolist())
        var q = zeros([2])
        let g = fn() { q[1] = 1 }
        g()
        print(q.tolist())
        fn keep(t) {
            var mine = t
            mine[0] = 42
            mine
        }
        print(keep(a).tolist(), a.tolist())
        """), """
        [5.0, 0.0, 0.0] [0.0, 0.0, 0.0]
        [5.0, 0.0, 0.0] [7.0, 0.0]
        [0.0, 1.0, 2.0, 3.0]
        [0.0, 3.0] [0.0, 0.0]
        [7.0, 0.0]
        [0.0, 1.0]
        [42.0, 0.0, 0.0] [5.0, 0.0, 0.0]

        """)
    }

    func testGradientsFlowThroughMasksAndGathers() throws {
        XCTAssertEqual(try Seg.run("""
        let w = zeros([4, 2])
        w.requires_grad = true
        w[tensor([0, 2, 2], dtype: "int32")].sum().backward()
        print(w.grad.tolist())
        let v = tensor([1, 2, 3])
        v.requires_grad = true
        (v[v > 1.5] * 2).sum().backward()
        print(v.grad.tolist())
        """), "[[1.0, 1.0], [0.0, 0.0], [2.0, 2.0], [0.0, 0.0]]\n[0.0, 2.0, 2.0]\n")
    }
}
