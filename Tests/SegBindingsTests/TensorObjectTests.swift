import XCTest
@testable import SegScript
import SegTensor
@testable import SegBindings
import SegTestSupport

final class TensorObjectTests: XCTestCase {
    func testArithmeticAndBroadcasting() throws {
        let out = try Seg.run("""
        let a = tensor([[1, 2, 3], [4, 5, 6]])
        let b = tensor([10, 20, 30])
        print((a + b).tolist())
        print((2 * a - 1).tolist(), (a / 2).tolist())
        print((a ** 2).sum().item(), (a @ a.transpose(0, 1)).tolist())
        print((a > 3).tolist(), (a > 3).dtype, (-a).tolist())
        print(type(a), a.shape, a.ndim, a.dtype, a.count, len(a))
        """)
        XCTAssertEqual(out, """
        [[11.0, 22.0, 33.0], [14.0, 25.0, 36.0]]
        [[1.0, 3.0, 5.0], [7.0, 9.0, 11.0]] [[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]]
        91.0 [[14.0, 32.0], [32.0, 77.0]]
        [[false, false, false], [true, true, true]] bool [[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0]]
        Tensor [2, 3] 2 float32 6 2

        """)
    }

    func testIndexingSlicingAndAssignment() throws {
        let out = try Seg.run("""
        var t = arange(0, 24).reshape([2, 3, 4])
        print(t[1, 2, 3].item(), t[0, :, 1].tolist(), t[..., -1].shape, t[:, 1:3, ::2].shape)
        t[0, 0] = 100
        t[1, :, 0] = tensor([7, 8, 9])
        print(t[0, 0].tolist(), t[1, :, 0].tolist())
        var n = 0
        for row in t { n = n + row.shape[0] }
        print(n)
        """)
        XCTAssertEqual(out, """
        23.0 [1.0, 5.0, 9.0] [2, 3] [2, 2, 2]
        [100.0, 100.0, 100.0, 100.0] [7.0, 8.0, 9.0]
        6

        """)
    }

    func testReductionsWithAxisLists() throws {
        let out = try Seg.run("""
        let t = arange(0, 24).reshape(2, 3, 4)
        print(t.sum(axis: [0, 2]).tolist(), t.mean(axis: 1, keepdims: true).shape)
        print(t.max().item(), t.argmax(axis: 2).tolist(), t.argmax().dtype)
        print((t > 5).sum().item(), (t > 100).any().item(), tensor([1, 3]).std().item())
        """)
        XCTAssertEqual(out, """
        [60.0, 92.0, 124.0] [2, 1, 4]
        23.0 [[3, 3, 3], [3, 3, 3]] int32
        18 false 1.0

        """)
    }

    func testAutogradThroughSeg() throws {
        let out = try Seg.run("""
        let x = tensor([1, 2, 3])
        x.requires_grad = true
        let y = (x * x).sum()
        y.backward()
        print(x.grad.tolist())
        let z = no_grad(fn() { (x * 2).sum() })
        print(z.requires_grad)
        """)
        XCTAssertEqual(out, "[2.0, 4.0, 6.0]\nfalse\n")
    }

    func testRandomTensorsFollowTheInterpreterSeed() throws {
        let program = "seed(7)\nrand([3]).tolist() + randn([2]).tolist()"
        let a = try Seg.eval(program), b = try Seg.eval(program)
        XCTAssertEqual(reprString(a), reprString(b))
        let c = try Seg.eval("seed(8)\nrand([3]).tolist() + randn([2]).tolist()")
        XCTAssertNotEqual(reprString(a), reprString(c))
    }

    func testShapeMismatchErrorNamesShapesAndLocation() throws {
        XCTAssertThrowsError(try Seg.run("let a = zeros([2, 3])\nlet b = a + ones([4])")) { error in
            guard let e = error as? ScriptError else { return XCTFail("not a ScriptError: \(error)") }
            let text = "\(e)"
            XCTAssertTrue(text.contains("[2, 3]") && text.contains("[4]"), text)
            XCTAssertEqual(e.diagnostics.first?.located.line, 2, text)
        }
        XCTAssertThrowsError(try Seg.run("zeros([2])[5]"))
        XCTAssertThrowsError(try Seg.run("tensor([[1, 2], [3]])"))
    }

    func testEncodeDecodeRoundTrip() throws {
        let v = try Seg.eval("let t = arange(0, 6).reshape([2, 3])[:, 1:]\nt")
        let bytes = try ValueCodec.encode(v)
        let back = try ValueCodec.decode(bytes, registry: Seg.registry)
        XCTAssertEqual(back.asTensor?.shape, [2, 2])
        XCTAssertEqual(back.asTensor?.doubles(), [1, 2, 4, 5])
        let ints = try ValueCodec.decode(try ValueCodec.encode(try Seg.eval("tensor([1, 2], dtype: \"int32\")")), registry: Seg.registry)
        XCTAssertEqual(ints.asTensor?.dtype, .int32)
        XCTAssertThrowsError(try TensorCodec.decode([9, 0]))
    }

    func testSaveAndLoadSafetensors() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("bind.safetensors").path
        let out = try Seg.run("""
        save({w: tensor([[1, 2]]), n: tensor([3], dtype: "int32")}, "\(path)")
        let d = load("\(path)")
        print(d.w.tolist(), d.n.dtype)
        """)
        XCTAssertEqual(out, "[[1.0, 2.0]] int32\n")
    }

    func testDisplayFullAndCompact() throws {
        let v = try Seg.eval("zeros([2, 2])")
        guard case .object(let o) = v else { return XCTFail("not an object") }
        XCTAssertTrue(o.display(full: true).contains("0."), o.display(full: true))
        XCTAssertFalse(o.display(full: false).isEmpty)
    }

    func testEveryBuiltinIsDocumented() throws {
        // The tables help, completion and the reference read.
        let registry = Seg.registry
        let builtins = Array(registry.globals.values) + registry.modules.values.flatMap(\.values) + registry.methods.values.flatMap(\.values)
        XCTAssertGreaterThan(builtins.count, 100)
        for b in builtins { XCTAssertFalse(b.doc.isEmpty, b.signature) }
    }
}

final class TensorFunctionTests: XCTestCase {
    func testCreationAndJoiningFunctions() throws {
        let out = try Seg.run("""
        print(full([2], 3).tolist(), eye(2).tolist(), linspace(0, 1, 3).tolist(), arange(3).tolist())
        print(stack([zeros([2]), ones([2])], axis: 1).shape, cat([zeros([2]), ones([3])]).shape)
        print(where(tensor([true, false]), 1, tensor([5, 6])).tolist(), zeros([2], dtype: "int32").dtype)
        print(tensor([-2, 0.5, 3]).clamp(0, 1).tolist(), tensor([[0, 0]]).softmax(1).tolist())
        print(ones([1, 2, 1]).squeeze().shape, ones([2]).unsqueeze(0).shape, ones([2, 3]).permute([1, 0]).shape)
        print(tensor([1.5]).item(), tensor([2], dtype: "int32").item(), ones([2, 2]).flatten().shape)
        print(zeros([2, 2]))
        """)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(Array(lines.prefix(6)), [
            "[3.0, 3.0] [[1.0, 0.0], [0.0, 1.0]] [0.0, 0.5, 1.0] [0.0, 1.0, 2.0]",
            "[2, 2] [5]",
            "[1.0, 6.0] int32",
            "[0.0, 0.5, 1.0] [[0.5, 0.5]]",
            "[2] [1, 2] [3, 2]",
            "1.5 2 [4]",
        ], out)
        XCTAssertTrue(lines.dropFirst(6).joined(separator: "\n").contains("0."), out)
    }
}
