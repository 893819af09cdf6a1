import XCTest
import SegTensor
@testable import SegNN

/// Two train-mode steps then eval mode against torch.nn.BatchNorm2d (Fixtures/batchnorm.safetensors).
final class BatchNorm2dTests: XCTestCase {
    func testTrainUpdatesRunningStatisticsAndEvalUsesThem() throws {
        let f = try Fixture.load("batchnorm.safetensors")
        let bn = try BatchNorm2d(3)
        try bn.weight.withFloats { $0.update(from: [1.5, 0.5, -1.0]) }
        try bn.bias.withFloats { $0.update(from: [0.1, -0.2, 0.3]) }
        let x = try XCTUnwrap(f["x"])
        let half = try Tensor(floats(x).map { $0 * 0.5 }, shape: x.shape)
        let before = bn.version
        try assertClose(bn(x), XCTUnwrap(f["y1"]), tolerance: 1e-5, "train output 1")
        try assertClose(bn(half), XCTUnwrap(f["y2"]), tolerance: 1e-5, "train output 2")
        XCTAssertGreaterThan(bn.version, before, "running statistics count as a mutation")
        try assertClose(bn.runningMean, XCTUnwrap(f["running_mean"]), tolerance: 1e-5, "running_mean")
        try assertClose(bn.runningVar, XCTUnwrap(f["running_var"]), tolerance: 1e-5, "running_var")
        XCTAssertEqual(bn.numBatchesTracked.pointer(as: Int32.self).pointee, 2)
        bn.eval()
        try assertClose(bn(x), XCTUnwrap(f["y3"]), tolerance: 1e-5, "eval output")
    }

    func testChannelMismatchIsAnError() throws {
        let bn = try BatchNorm2d(4)
        XCTAssertThrowsError(try bn(Tensor(shape: [1, 3, 2, 2]))) { error in
            XCTAssertTrue("\(error)".contains("[1, 3, 2, 2]"))
        }
    }
}
