import XCTest
import SegTensor
@testable import SegNN
import SegTestSupport

/// Weights files: torch-written files load (Fixtures/interop, make_interop.py), our files round
/// trip with I64 num_batches_tracked, and a file that does not fit is an error listing every key.
final class WeightsFileTests: XCTestCase {
    private func model() throws -> UNet {
        try UNet(inChannels: 3, classes: 5, base: 4, depth: 2, batchnorm: true, up: .bilinear, seed: 3)
    }

    func testLoadsTorchWrittenWeightsAndMatchesEvalLogits() throws {
        let unet = try model()
        try unet.load(Fixture.directory.appendingPathComponent("interop/torch-written.safetensors").path)
        XCTAssertEqual(unet.encoder[0].bn1?.numBatchesTracked.pointer(as: Int32.self).pointee, 3)
        unet.eval()
        let io = try Fixture.load("interop/torch-io.safetensors")
        let logits = try GradMode.withoutGrad { try unet(XCTUnwrap(io["x"])) }
        try assertClose(logits, XCTUnwrap(io["logits"]), tolerance: 1e-4, "eval logits with torch's running statistics")
    }

    func testSaveThenLoadRoundTripsWithI64Buffers() throws {
        let source = try model()
        let x = try Tensor((0..<(1 * 3 * 8 * 8)).map { Float($0 % 7) / 7 }, shape: [1, 3, 8, 8])
        _ = try source(x)   // moves running statistics off their defaults
        let scratch = try ScratchFolder()
        let path = scratch.file("weights.safetensors").path
        try source.save(path)
        // make_interop.py verify checks this file in torch: SEGNN_EXPORT_WEIGHTS=/tmp/w.safetensors.
        if let export = ProcessInfo.processInfo.environment["SEGNN_EXPORT_WEIGHTS"] { try source.save(export) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = Int(bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + headerLength))) as? [String: Any])
        let counter = try XCTUnwrap(header["encoder.0.bn1.num_batches_tracked"] as? [String: Any])
        XCTAssertEqual(counter["dtype"] as? String, "I64")
        XCTAssertEqual((counter["shape"] as? [Int])?.count, 0)
        let copy = try UNet(inChannels: 3, classes: 5, base: 4, depth: 2, batchnorm: true, up: .bilinear, seed: 99)
        let before = copy.version
        try copy.load(path)
        XCTAssertNotEqual(copy.version, before, "loading counts as a mutation")
        for ((name, a), (_, b)) in zip(source.stateDict(), copy.stateDict()) {
            XCTAssertEqual(a.dtype, b.dtype, name)
            if a.dtype == .float32 { XCTAssertEqual(try floats(a), try floats(b), name) }
        }
    }

    func testMismatchedFileListsEveryProblem() throws {
        let unet = try model()
        var entries = Dictionary(uniqueKeysWithValues: unet.stateDict().map { ($0.name, $0.tensor) })
        entries["head.bias"] = nil
        entries["head.extra"] = try Tensor([1], shape: [1])
        entries["encoder.0.conv1.weight"] = try Tensor(shape: [4, 3, 1, 1])
        let snapshot = try floats(unet.encoder[0].conv1.weight)
        XCTAssertThrowsError(try unet.load(stateDict: entries, source: "w.safetensors")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("w.safetensors"), message)
            XCTAssertTrue(message.contains("missing keys: head.bias"), message)
            XCTAssertTrue(message.contains("unexpected keys: head.extra"), message)
            XCTAssertTrue(message.contains("encoder.0.conv1.weight has shape [4, 3, 1, 1], expected [4, 3, 3, 3]"), message)
        }
        XCTAssertEqual(try floats(unet.encoder[0].conv1.weight), snapshot, "a failed load writes nothing")
    }
}
