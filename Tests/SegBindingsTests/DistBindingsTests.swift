import XCTest
@testable import SegScript
@testable import SegBindings

/// The `dist` module in a single process: rank 0 of 1, every collective an identity, and clear
/// errors for what no rank count makes valid.
final class DistBindingsTests: XCTestCase {
    func testASingleProcessIsRankZeroOfOne() throws {
        XCTAssertEqual(try Seg.run("print(dist.size, dist.rank)"), "1 0\n")
    }

    func testCollectivesLeaveTheTensorAsItIsAndReturnIt() throws {
        let out = try Seg.run("""
        let t = tensor([1.5, -2.0, 3.0])
        let same = dist.allreduce(t, op: "sum")
        print(same.tolist(), dist.allreduce(t).tolist(), dist.allreduce(t, op: "max").tolist())
        print(dist.broadcast(t, root: 0).tolist())
        print(dist.barrier())
        """)
        XCTAssertEqual(out, "[1.5, -2.0, 3.0] [1.5, -2.0, 3.0] [1.5, -2.0, 3.0]\n[1.5, -2.0, 3.0]\nnil\n")
    }

    func testBadArgumentsAreErrorsNamingTheProblem() {
        let cases: [(String, String)] = [
            ("dist.allreduce(tensor([1.0]), op: \"min\")", "op must be \"sum\", \"mean\" or \"max\", not \"min\""),
            ("dist.allreduce([1.0, 2.0])", "t must be a Tensor, not List"),
            ("dist.allreduce(tensor([1, 2], dtype: \"int32\"))", "t must be a float32 tensor, not int32"),
            ("dist.allreduce(tensor([[1.0, 2.0], [3.0, 4.0]]).transpose())", "t must be contiguous"),
            ("dist.broadcast(tensor([1.0]), root: 1)", "root 1 is not a rank (ranks are 0...0)"),
            ("dist.broadcast(tensor([1.0]), root: -1)", "root -1 is not a rank"),
            ("nn.unet(sync_bn: 1)", "argument 'sync_bn' must be a Bool"),
            ("nn.batchnorm2d(4, sync: \"yes\")", "argument 'sync' must be a Bool"),
        ]
        for (source, message) in cases {
            XCTAssertThrowsError(try Seg.run(source), source) { error in
                XCTAssertTrue("\(error)".contains(message), "\(source): \(error)")
            }
        }
    }

    func testSynchronisedBatchNormIsRememberedWithTheLayer() throws {
        let (source, _) = Seg.interpreter()
        try source.runScript(SourceFile(name: "a.seg", text: "let model = nn.unet(base: 2, depth: 1, sync_bn: true)\nlet plain = nn.batchnorm2d(3)"))
        let (target, _) = Seg.interpreter()
        try Seg.transfer(["model", "plain"], from: source, to: target)
        let model = try XCTUnwrap(target.global("model")?.asObject as? LayerObject)
        XCTAssertEqual(model.spec, .unet(inChannels: 3, classes: 12, base: 2, depth: 1, batchnorm: true, up: "transpose", syncBN: true))
        let plain = try XCTUnwrap(target.global("plain")?.asObject as? LayerObject)
        XCTAssertEqual(try plain.spec.json(), #"{"batchnorm2d":{"channels":3}}"#, "an unsynchronised layer describes itself as before")
    }
}
