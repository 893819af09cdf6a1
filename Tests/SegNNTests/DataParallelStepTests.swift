import XCTest
import SegTensor
@testable import SegNN
import SegRandom

/// Stands in for the other ranks of a data-parallel run: rank 1 of `size`, whose peers hold
/// `peerGradientOffset` more in every gradient entry and rank 0's parameters `rootParameters`.
/// Records the size of every float allreduce.
final class ScriptedPeers: ProcessGroup {
    let rank = 1, size: Int
    var peerGradientOffset: Float = 0
    var rootParameters: [Float] = []
    var reductions: [Int] = []
    init(size: Int) { self.size = size }
    func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws {
        reductions.append(count)
        for i in 0..<count {
            buffer[i] = op == .max ? buffer[i] : buffer[i] * Float(size) + Float(size - 1) * peerGradientOffset
        }
    }
    func allreduce(_ buffer: UnsafeMutablePointer<Int64>, count: Int, op: ReduceOperation) throws {}
    /// Doubles (batch-norm sums) as if every peer held the same values.
    func allreduce(_ buffer: UnsafeMutablePointer<Double>, count: Int, op: ReduceOperation) throws {
        if op == .sum { for i in 0..<count { buffer[i] *= Double(size) } }
    }
    func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, root: Int) throws {
        let floats = buffer.assumingMemoryBound(to: Float.self)
        for i in 0..<min(byteCount / 4, rootParameters.count) { floats[i] = rootParameters[i] }
    }
    func barrier() throws {}
    func abort(status: Int32, message: String) -> Never { fatalError(message) }
}

final class DataParallelStepTests: XCTestCase {
    override func tearDown() { Distributed.install(SingleProcess()) }

    func testGradientsAreAveragedAndRankZerosParametersTakenOnTheFirstStep() throws {
        let p = try Tensor([1, 2, 3], shape: [3])
        p.requiresGrad = true
        let peers = ScriptedPeers(size: 2)
        peers.rootParameters = [10, 20, 30]
        peers.peerGradientOffset = 0.5       // the other rank's gradient is this rank's + 0.5
        Distributed.install(peers)
        let sgd = try SGD(parameters: [p], lr: 0.1)
        p.grad = try Tensor([1, 1, 1], shape: [3])
        try sgd.step()
        // Averaged gradient (1 + 1.5) / 2 = 1.25, applied to rank 0's parameters.
        XCTAssertEqual(p.floats(), [10 - 0.125, 20 - 0.125, 30 - 0.125])
        peers.rootParameters = [0, 0, 0]
        p.grad = try Tensor([2, 0, -2], shape: [3])
        try sgd.step()
        // Later steps keep the local parameters: no second broadcast.
        XCTAssertEqual(p.floats(), [9.875 - 0.225, 19.875 - 0.025, 29.875 + 0.175].map { Float($0) }, accuracy: 1e-5)
    }

    func testGradientsTravelInBucketsAndMissingOnesCountAsZero() throws {
        let big = try Tensor(Array(repeating: Float(1), count: Optimizer.gradientBucket + 5), shape: [Optimizer.gradientBucket + 5])
        let small = try Tensor([4, 4], shape: [2])
        let unused = try Tensor([7], shape: [1])
        for t in [big, small, unused] { t.requiresGrad = true }
        let peers = ScriptedPeers(size: 4)
        peers.rootParameters = []
        Distributed.install(peers)
        let sgd = try SGD(parameters: [big, small, unused], lr: 1)
        big.grad = try Tensor(Array(repeating: Float(2), count: big.count), shape: big.shape)
        small.grad = try Tensor([8, 8], shape: [2])
        try sgd.step()
        // One presence reduction over the 3 parameters, then the 2 parameters with gradients in
        // two buckets: a full one and the rest.
        XCTAssertEqual(peers.reductions, [3, Optimizer.gradientBucket, 7])
        XCTAssertEqual(small.floats(), [-4, -4])
        XCTAssertEqual(big.floats()[big.count - 1], -1)
        XCTAssertEqual(unused.floats(), [7])
        XCTAssertEqual(sgd.steps, [1, 1, 0])
    }

    func testAGradientOfTheWrongShapeFailsBeforeAnyCollective() throws {
        let p = try Tensor([1, 2], shape: [2])
        p.requiresGrad = true
        let peers = ScriptedPeers(size: 2)
        Distributed.install(peers)
        let sgd = try SGD(parameters: [p], lr: 1)
        p.grad = try Tensor([1, 2, 3], shape: [3])
        XCTAssertThrowsError(try sgd.step()) { XCTAssertTrue("\($0)".contains("gradient of parameter 0 has shape [3]"), "\($0)") }
        XCTAssertEqual(peers.reductions, [])
    }

    func testSynchronisedBatchNormOverIdenticalRanksMatchesOneProcess() throws {
        func run(synchronised: Bool) throws -> (out: [Float], dx: [Float], dGamma: [Float], runningVar: [Float]) {
            var generator = SplitMix64(seed: 3)
            let values = (0..<(2 * 3 * 4 * 5)).map { _ in Float(generator.next() % 1000) / 100 - 5 }
            let x = try Tensor(values, shape: [2, 3, 4, 5])
            x.requiresGrad = true
            let bn = try BatchNorm2d(3)
            bn.weight.requiresGrad = true
            if synchronised {
                Distributed.install(ScriptedPeers(size: 3))
                bn.synchroniseBatchNorm()
            }
            defer { Distributed.install(SingleProcess()) }
            let out = try bn.forward(x, relu: true)
            let weights = try Tensor((0..<out.count).map { Float($0 % 7) - 3 }, shape: out.shape)
            try (out * weights).sum().backward()
            return (out.floats(), try XCTUnwrap(x.grad).floats(), try XCTUnwrap(bn.weight.grad).floats(), bn.runningVar.floats())
        }
        let alone = try run(synchronised: false), synced = try run(synchronised: true)
        XCTAssertEqual(synced.out, alone.out, accuracy: 1e-5)
        XCTAssertEqual(synced.dx, alone.dx, accuracy: 1e-5)
        XCTAssertEqual(synced.dGamma, alone.dGamma, accuracy: 1e-4)
        // The running variance's unbiasing uses the global count (3 ranks x 40 values), not 40.
        XCTAssertNotEqual(synced.runningVar, alone.runningVar)
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
