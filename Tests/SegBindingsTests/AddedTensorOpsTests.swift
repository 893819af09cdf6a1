import XCTest
@testable import SegScript
@testable import SegBindings
import SegTestSupport

/// The ops added for prototyping, from Seg, against NumPy's results on the same data (the
/// expected lists were printed by NumPy: np.flip, np.roll, np.tile, np.broadcast_to,
/// np.eye(k)[labels], np.bincount, np.unique, np.maximum, np.minimum, .T, **).
final class AddedTensorOpsTests: XCTestCase {
    func testRearrangingMatchesNumPy() throws {
        XCTAssertEqual(try Seg.run("""
        let a = arange(0, 6).reshape(2, 3)
        print(a.flip(0).tolist(), a.flip([0, 1]).tolist())
        print(a.roll(1, 1).tolist(), a.roll(-1, axis: 0).tolist(), a.roll(2).tolist())
        print(tensor([1, 2]).repeat(2, 2).tolist(), a.repeat([1, 2]).shape)
        print(tensor([[1], [2]]).expand(2, 3).tolist(), tensor([[1], [2]]).expand([-1, 3]).shape)
        print(a.T.tolist(), a.pow(2).tolist(), a.numel(), a.float().dtype, a.int().dtype, a.bool().dtype)
        """), """
        [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]] [[5.0, 4.0, 3.0], [2.0, 1.0, 0.0]]
        [[2.0, 0.0, 1.0], [5.0, 3.0, 4.0]] [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]] [[4.0, 5.0, 0.0], [1.0, 2.0, 3.0]]
        [[1.0, 2.0, 1.0, 2.0], [1.0, 2.0, 1.0, 2.0]] [2, 6]
        [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]] [2, 3]
        [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]] [[0.0, 1.0, 4.0], [9.0, 16.0, 25.0]] 6 float32 int32 bool

        """)
    }

    func testCountingMatchesNumPy() throws {
        XCTAssertEqual(try Seg.run("""
        let l = tensor([[0, 2], [1, 2]], dtype: "int32")
        print(one_hot(l, 3).tolist(), one_hot(l, 3).dtype)
        print(bincount(tensor([0, 1, 1, 3], dtype: "int32"), minlength: 6).tolist(), bincount(tensor([2, 2], dtype: "int32")).tolist())
        let u = unique(tensor([3, 1, 3, 0, 1, 3], dtype: "int32"), counts: true)
        print(u.values.tolist(), u.counts.tolist(), unique(tensor([2.5, 1.0, 2.5])).tolist())
        print(maximum(tensor([1, 5, 3]), 2).tolist(), minimum(tensor([[1], [4]], dtype: "int32"), tensor([2, 3], dtype: "int32")).tolist())
        """), """
        [[[1, 0, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1]]] int32
        [1, 2, 0, 1, 0, 0] [0, 0, 2]
        [0, 1, 3] [1, 2, 3] [1.0, 2.5]
        [2.0, 5.0, 3.0] [[1, 1], [2, 3]]

        """)
    }

    func testSortingRoundingAndCumsumMatchNumPy() throws {
        XCTAssertEqual(try Seg.run("""
        let a = tensor([[3, 1, 2], [-1.5, 2.5, 0.5]])
        print(a.sort(axis: 1).tolist(), a.argsort(axis: 0).tolist(), a.cumsum(1).tolist())
        print(tensor([0.5, 1.5, 2.5, -0.5, -1.7]).round().tolist(), tensor([-1.5, 1.5]).floor().tolist(), tensor([-1.5, 1.5]).ceil().tolist())
        print(tensor([-2, 0, 3]).sign().tolist(), tensor([true, false, true]).cumsum(0).tolist())
        let top = tensor([1, 9, 3, 7]).topk(2)
        print(top.values.tolist(), top.indices.tolist(), tensor([3, 1, 2]).sort(descending: true).tolist())
        let bad = tensor([1.0, 0.0, -1.0]) / 0
        print(bad.isnan().tolist(), bad.isfinite().tolist(), bad.nan_to_num(5).tolist()[1])
        """), """
        [[1.0, 2.0, 3.0], [-1.5, 0.5, 2.5]] [[1, 0, 1], [0, 1, 0]] [[3.0, 4.0, 6.0], [-1.5, 1.0, 1.5]]
        [0.0, 2.0, 2.0, -0.0, -2.0] [-2.0, 1.0] [-1.0, 2.0]
        [-1.0, 0.0, 1.0] [1, 1, 2]
        [9.0, 7.0] [1, 3] [3.0, 2.0, 1.0]
        [false, true, false] [false, false, false] 5.0

        """)
    }

    func testPadAndMeshgridMatchNumPy() throws {
        XCTAssertEqual(try Seg.run("""
        print(pad(arange(0, 6).reshape(2, 3), [2, 1, 1, 0], value: 9).tolist())
        let g = meshgrid(tensor([1, 2, 3]), tensor([10, 20]))
        print(g[0].tolist(), g[1].tolist(), meshgrid(tensor([1, 2, 3]), tensor([10, 20]), indexing: "ij")[0].shape)
        """), """
        [[9.0, 9.0, 9.0, 9.0, 9.0, 9.0], [9.0, 9.0, 0.0, 1.0, 2.0, 9.0], [9.0, 9.0, 3.0, 4.0, 5.0, 9.0]]
        [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]] [[10.0, 10.0, 10.0], [20.0, 20.0, 20.0]] [3, 2]

        """)
        XCTAssertThrowsError(try Seg.run("pad(zeros([2]), [1, 1, 1, 1])")) { XCTAssertTrue("\($0)".contains("pad: widths must come in pairs")) }
    }

    func testErrorsNameTheOperationAndTheProblem() {
        let cases: [(String, String)] = [
            ("one_hot(tensor([0, 3], dtype: \"int32\"), 3)", "one_hot: class values must be in 0..<3"),
            ("one_hot(tensor([0.0]), 3)", "one_hot: labels must be an int32 tensor, not float32"),
            ("bincount(tensor([1, -1], dtype: \"int32\"))", "bincount: the tensor must have no negative elements"),
            ("bincount(zeros([2, 2], dtype: \"int32\"))", "bincount: needs a 1-d tensor"),
            ("zeros([2, 3]).flip(2)", "axis 2"),
            ("zeros([2, 3]).repeat(2)", "repeat: 1 counts for a tensor of 2 dimensions"),
            ("zeros([2, 3]).expand(4, 3)", "cannot broadcast shape [2, 3] to [4, 3]"),
        ]
        for (source, fragment) in cases {
            XCTAssertThrowsError(try Seg.run(source), source) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(source): \"\(error)\" lacks \"\(fragment)\"")
            }
        }
    }
}

/// image.write's range rule and image.vflip.
final class ImageWriteRulesTests: XCTestCase {
    func testWriteRefusesDataPlainlyOutsideZeroToOne() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("write.png").path
        XCTAssertThrowsError(try Seg.run("image.write(rand([3, 4, 4]) * 255, \"\(path)\")")) { error in
            XCTAssertTrue("\(error)".contains("must hold values in 0..1"), "\(error)")
            XCTAssertTrue("\(error)".contains("divide by 255"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertThrowsError(try Seg.run("image.write(rand([3, 4, 4]) * 4 - 2, \"\(path)\")"))
        _ = try Seg.run("image.write(rand([3, 4, 4]) * 1.05 - 0.02, \"\(path)\")")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }

    func testColouringALabelMapWithAGatherWritesTheRightPNG() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("colour.png").path
        XCTAssertEqual(try Seg.run("""
        let labels = tensor([[0, 1, 11], [1, 2, 11]], dtype: "int32")
        print("void pixels:", (labels == 11).sum().item())
        var shown = labels
        shown[shown == 11] = 3
        let palette = tensor([[128, 128, 128], [128, 0, 0], [0, 0, 192], [0, 0, 0]], dtype: "int32")
        let rgb = palette[shown].permute(2, 0, 1).float() / 255
        image.write(rgb, "\(path)")
        let back = image.read("\(path)")
        print(back.shape, (back * 255 + 0.5).int()[:, 1, :].tolist())
        """), "void pixels: 2\n[3, 2, 3] [[128, 0, 0], [0, 0, 0], [0, 192, 0]]\n")
    }

    func testPadToGrayAndAdjustFollowTorchvision() throws {
        XCTAssertEqual(try Seg.run("""
        print(image.pad(ones([1, 2, 2]), [1, 0, 0, 1]).tolist())
        let x = tensor([[[0.2, 0.8]], [[0.4, 0.6]], [[1.0, 0.0]]])
        fn q(t) { (t * 10000).round().int().tolist() }
        print(q(image.to_gray(x)), image.to_gray(stack([x, x])).shape)
        print(q(image.adjust(x, brightness: 1.5)))
        print(q(image.adjust(x, contrast: 0.5)))
        print(q(image.adjust(x, saturation: 0)) == [q(image.to_gray(x))[0], q(image.to_gray(x))[0], q(image.to_gray(x))[0]])
        """), """
        [[[0.0, 1.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]]]
        [[[4086, 5914]]] [2, 1, 1, 2]
        [[[3000, 10000]], [[6000, 9000]], [[10000, 0]]]
        [[[3500, 6500]], [[4500, 5500]], [[7500, 2500]]]
        true

        """)
        XCTAssertThrowsError(try Seg.run("image.to_gray(zeros([2, 4, 4]))")) { XCTAssertTrue("\($0)".contains("needs a float32 RGB image")) }
        XCTAssertThrowsError(try Seg.run("image.pad(zeros([3, 4, 4]), [1, 2])")) { XCTAssertTrue("\($0)".contains("[left, top, right, bottom]")) }
    }

    func testRotateByQuarterTurnsMatchesRot90AndOtherAnglesKeepTheSize() throws {
        // np.rot90(np.arange(6).reshape(2, 3)) is [[2, 5], [1, 4], [0, 3]].
        XCTAssertEqual(try Seg.run("""
        let m = arange(0, 6).reshape(1, 2, 3)
        print(image.rotate(m, 90).tolist(), image.rotate(m, -90).tolist(), image.rotate(m, 180).tolist())
        let labels = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype: "int32")
        print(image.rotate(labels, 90).tolist() == image.rotate(labels, 89.999).tolist(), image.rotate(labels, 45, fill: -1).tolist())
        print(image.rotate(ones([3, 4, 6]), 30, mode: "bilinear").shape)
        """), """
        [[[2.0, 5.0], [1.0, 4.0], [0.0, 3.0]]] [[[3.0, 0.0], [4.0, 1.0], [5.0, 2.0]]] [[[5.0, 4.0, 3.0], [2.0, 1.0, 0.0]]]
        true [[2, 3, 6], [1, 5, 9], [4, 7, 8]]
        [3, 4, 6]

        """)
    }

    func testBlurMatchesAGaussianWithReflectedBorders() throws {
        // NumPy: np.pad(delta, 3, mode="reflect") convolved with the normalised outer product of
        // exp(-k^2 / 2), k = -3...3, gives 0.1592 at the centre, 0.0117 in a corner, 1.2277 in all.
        XCTAssertEqual(try Seg.run("""
        var delta = zeros([1, 5, 5])
        delta[0, 2, 2] = 1
        let b = image.blur(delta, 1.0)
        print((b[0, 2, 2] * 1000).round().item(), (b[0, 0, 0] * 1000).round().item(), (b.sum() * 1000).round().item(), b.shape)
        """), "159.0 12.0 1228.0 [1, 5, 5]\n")
        XCTAssertThrowsError(try Seg.run("image.blur(zeros([1, 4, 4]), 2)")) { XCTAssertTrue("\($0)".contains("larger than the 4x4 image")) }
    }

    func testVflipMirrorsRows() throws {
        XCTAssertEqual(try Seg.run("""
        print(image.vflip(arange(0, 6).reshape(1, 3, 2)).tolist(), image.vflip(tensor([[1, 2], [3, 4]], dtype: "int32")).tolist())
        """), "[[[4.0, 5.0], [2.0, 3.0], [0.0, 1.0]]] [[3, 4], [1, 2]]\n")
    }
}
