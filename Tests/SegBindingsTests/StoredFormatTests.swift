import Foundation
import XCTest
@testable import SegScript
import SegRandom
import SegTensor
@testable import SegBindings

/// Layers, optimizers and tensors stored in notebook caches: the layout earlier versions wrote
/// (built here byte by byte) is what is written and read, and truncated or corrupt bytes are
/// errors, never traps.
final class StoredFormatTests: XCTestCase {
    private func int64(_ value: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    private func blob(_ bytes: [UInt8]) -> [UInt8] { int64(bytes.count) + bytes }

    /// dtype code, requires_grad, rank, shape, then the float32 elements.
    private func tensorLayout(_ t: Tensor) throws -> [UInt8] {
        let code = UInt8(try XCTUnwrap(DType.allCases.firstIndex(of: t.dtype)))
        // Elements in their own dtype: float32 bits, int32 values, or one byte per bool.
        let values = try t.contiguous().doubles()
        let elements: [UInt8] = switch t.dtype {
        case .float32: values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: Float(value).bitPattern >> (8 * $0)) } }
        case .int32: values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: Int32(value) >> (8 * $0)) } }
        case .bool: values.map { $0 != 0 ? 1 : 0 }
        }
        return [code, t.requiresGrad ? 1 : 0] + int64(t.rank) + t.shape.flatMap(int64) + elements
    }

    func testLayersOptimizersAndTensorsKeepTheLayoutEarlierVersionsWrote() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let m = nn.conv2d(1, 2, kernel: 1, padding: 0)
        m.eval()
        let opt = nn.adam(m.parameters(), lr: 0.1)
        (m(ones([1, 1, 2, 2])).sum()).backward()
        opt.step()
        """)
        let layer = try XCTUnwrap(interp.global("m")?.asObject as? LayerObject)
        let optimizer = try XCTUnwrap(interp.global("opt")?.asObject as? OptimizerObject)
        // Layer: spec JSON, training flag, state dict (count, then name and tensor blobs).
        var expected = blob(Array(try layer.spec.json().utf8)) + [0] + int64(layer.module.stateDict().count)
        for (name, tensor) in layer.module.stateDict() { expected += blob(Array(name.utf8)) + blob(try tensorLayout(tensor)) }
        let layerBytes = try XCTUnwrap(try layer.encode()).bytes
        XCTAssertEqual(layerBytes, expected)
        let restored = try LayerCodec.decode(expected)
        XCTAssertFalse(restored.module.isTraining)
        XCTAssertEqual(restored.module.parameters().map { $0.floats() }, layer.module.parameters().map { $0.floats() })
        // Optimizer: the record's JSON, then its state dict.
        let record = try JSONEncoder.stored.encode(OptimizerRecord(config: OptimizerConfig(optimizer.optimizer)))
        let state = try optimizer.optimizer.stateDict()
        var expectedOptimizer = blob(Array(record)) + int64(state.count)
        for (name, tensor) in state { expectedOptimizer += blob(Array(name.utf8)) + blob(try tensorLayout(tensor)) }
        let encoded = try XCTUnwrap(try optimizer.encode())
        XCTAssertEqual(encoded.bytes, expectedOptimizer)
        let again = try OptimizerObject.decode(expectedOptimizer, encoded.references)
        XCTAssertEqual(try XCTUnwrap(try again.encode()).bytes, expectedOptimizer)
    }

    func testTruncatedAndCorruptLayerOptimizerAndTensorBytesAreErrors() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let m = nn.conv2d(2, 3, kernel: 3)
        let opt = nn.sgd(m.parameters(), lr: 0.1, momentum: 0.9)
        (m(ones([1, 2, 4, 4])).sum()).backward()
        opt.step()
        """)
        let layer = try XCTUnwrap(interp.global("m")?.asObject as? LayerObject)
        let optimizer = try XCTUnwrap(interp.global("opt")?.asObject as? OptimizerObject)
        let layerBytes = try XCTUnwrap(try layer.encode()).bytes
        let optimizerEncoding = try XCTUnwrap(try optimizer.encode())
        let tensorBytes = try TensorCodec.encode(try XCTUnwrap(layer.module.parameters().first))
        XCTAssertNoThrow(try LayerCodec.decode(layerBytes))
        XCTAssertNoThrow(try OptimizerObject.decode(optimizerEncoding.bytes, optimizerEncoding.references))
        XCTAssertNoThrow(try TensorCodec.decode(tensorBytes))
        for cut in 0..<layerBytes.count {
            XCTAssertThrowsError(try LayerCodec.decode(Array(layerBytes.prefix(cut))), "layer cut at \(cut)")
        }
        for cut in 0..<optimizerEncoding.bytes.count {
            XCTAssertThrowsError(try OptimizerObject.decode(Array(optimizerEncoding.bytes.prefix(cut)), optimizerEncoding.references),
                                 "optimizer cut at \(cut)")
        }
        for cut in 0..<tensorBytes.count {
            XCTAssertThrowsError(try TensorCodec.decode(Array(tensorBytes.prefix(cut))), "tensor cut at \(cut)")
        }
        XCTAssertThrowsError(try LayerCodec.decode(layerBytes + [0])) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "stored layer is corrupt at byte \(layerBytes.count): trailing bytes")
        }
        var rng = SplitMix64(seed: 5)
        func damage(_ bytes: [UInt8]) -> [UInt8] {
            var bad = bytes
            bad[Int.random(in: 0..<bad.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            return bad
        }
        for _ in 0..<500 {
            let bad = damage(layerBytes), badOptimizer = damage(optimizerEncoding.bytes), badTensor = damage(tensorBytes)
            _ = try? LayerCodec.decode(bad)
            _ = try? OptimizerObject.decode(badOptimizer, optimizerEncoding.references)
            _ = try? TensorCodec.decode(badTensor)
        }
    }
}
