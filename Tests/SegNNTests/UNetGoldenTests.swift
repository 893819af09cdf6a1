import XCTest
import SegTensor
@testable import SegNN

/// One train-mode step of the U-Net against torch_unet.py's `golden` fixtures (made by
/// Fixtures/make_golden.py): logits, loss and every parameter gradient within 1e-4.
final class UNetGoldenTests: XCTestCase {
    private func run(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let weights = try Fixture.load("unet-\(name)/weights.safetensors")
        let io = try Fixture.load("unet-\(name)/io.safetensors")
        let grads = try Fixture.load("unet-\(name)/grads.safetensors")
        let base = try XCTUnwrap(weights["encoder.0.conv1.weight"]).shape[0]
        let depth = weights.keys.filter { $0.hasSuffix(".conv1.weight") && $0.hasPrefix("encoder.") }.count
        let classes = try XCTUnwrap(weights["head.weight"]).shape[0]
        let batchnorm = weights["encoder.0.bn1.weight"] != nil
        let up: UpMode = try XCTUnwrap(weights["up.0.conv.weight"]).shape[2] == 2 ? .transpose : .bilinear
        let model = try UNet(inChannels: 3, classes: classes, base: base, depth: depth, batchnorm: batchnorm, up: up, seed: 9)
        try model.load(stateDict: weights)
        let logits = try model(XCTUnwrap(io["x"]))
        try assertClose(logits, XCTUnwrap(io["logits"]), tolerance: 1e-4, "\(name) logits", file: file, line: line)
        let loss = try NN.crossEntropy(logits, XCTUnwrap(io["y"]), ignoreIndex: classes - 1)
        try assertClose(loss.reshape([1]), XCTUnwrap(io["loss"]), tolerance: 1e-4, "\(name) loss", file: file, line: line)
        try loss.backward()
        let named = model.namedParameters()
        XCTAssertEqual(Set(named.map(\.name)), Set(grads.keys), "\(name) parameter names", file: file, line: line)
        for (key, parameter) in named {
            let expected = try XCTUnwrap(grads[key], key)
            let actual = try XCTUnwrap(parameter.grad, "\(key) has no gradient")
            try assertClose(actual, expected, tolerance: 1e-4, "\(name) grad \(key)", file: file, line: line)
        }
    }

    func testTransposeWithBatchNormDepth2() throws { try run("transpose-bn-d2") }
    func testBilinearWithBatchNormDepth3() throws { try run("bilinear-bn-d3") }
    func testTransposeWithoutBatchNormOddSize() throws { try run("transpose-nobn-odd-d3") }
    func testBilinearWithoutBatchNormOddSize() throws { try run("bilinear-nobn-odd-d2") }
    func testTransposeWithBatchNormOddSize() throws { try run("transpose-bn-odd-d3") }

    /// Every convolution algorithm, not only the selected one, keeps the U-Net within tolerance.
    func testEveryConvAlgorithmMatchesTorch() throws {
        let saved = ConvAlgorithm.selected
        defer { ConvAlgorithm.selected = saved }
        for algorithm in ConvAlgorithm.allCases {
            ConvAlgorithm.selected = algorithm
            for name in ["transpose-bn-d2", "bilinear-bn-d3", "transpose-nobn-odd-d3", "bilinear-nobn-odd-d2", "transpose-bn-odd-d3"] {
                try run(name)
            }
        }
    }

    func testStateDictNamesMatchTorch() throws {
        let weights = try Fixture.load("unet-transpose-bn-d2/weights.safetensors")
        let model = try UNet(inChannels: 3, classes: 5, base: 4, depth: 2, batchnorm: true, up: .transpose)
        XCTAssertEqual(Set(model.stateDict().map(\.name)), Set(weights.keys))
        for (name, tensor) in model.stateDict() {
            XCTAssertEqual(tensor.shape, weights[name]?.shape, name)
        }
        XCTAssertEqual(model.stateDict().first?.name, "encoder.0.conv1.weight")
        XCTAssertEqual(model.stateDict().last?.name, "head.bias")
    }
}
