import XCTest
import SegTensor
@testable import SegNN
import SegTestSupport

/// Parameter discovery, modes and counts on small hand-built modules.
final class ModuleTests: XCTestCase {
    func testSequentialNamesModesAndCounts() throws {
        let net = Sequential([try Conv2d(3, 4, kernel: 3), try BatchNorm2d(4), ReLU(), try MaxPool2d(2)])
        XCTAssertEqual(net.namedParameters().map(\.name), ["0.weight", "0.bias", "1.weight", "1.bias"])
        XCTAssertEqual(net.namedBuffers().map(\.name), ["1.running_mean", "1.running_var", "1.num_batches_tracked"])
        XCTAssertEqual(net.parameterCount, 4 * 3 * 9 + 4 + 4 + 4)
        XCTAssertTrue(net.parameters().allSatisfy(\.requiresGrad))
        net.eval()
        XCTAssertFalse(net.layers[1].isTraining)
        net.train()
        XCTAssertTrue(net.layers[1].isTraining)
        let y = try net(Tensor(shape: [2, 3, 6, 6]))
        XCTAssertEqual(y.shape, [2, 4, 3, 3])
    }

    func testUNetParameterCountMatchesTorch() throws {
        // torch_unet.UNet(base=16, depth=4) has 1,942,764 parameters (sum of numel over parameters()).
        let unet = try UNet(inChannels: 3, classes: 12, base: 16, depth: 4)
        XCTAssertEqual(unet.parameterCount, 1_942_764)
        assertThrowsMessage(try unet(Tensor(shape: [1, 3, 8, 8])), "at least 16")
    }

    func testSameSeedSameWeights() throws {
        let a = try Conv2d(2, 3, seed: 7), b = try Conv2d(2, 3, seed: 7), c = try Conv2d(2, 3, seed: 8)
        XCTAssertEqual(try floats(a.weight), try floats(b.weight))
        XCTAssertNotEqual(try floats(a.weight), try floats(c.weight))
        let fromStream = try UNet(inChannels: 3, classes: 2, base: 2, depth: 1, stream: RandomStream(seed: 4))
        let again = try UNet(inChannels: 3, classes: 2, base: 2, depth: 1, stream: RandomStream(seed: 4))
        XCTAssertEqual(try floats(fromStream.head.weight), try floats(again.head.weight))
        let bound = 1 / Float(18).squareRoot()
        XCTAssertTrue(try floats(a.weight).allSatisfy { abs($0) <= bound })
    }
}
