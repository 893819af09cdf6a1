import XCTest
import SegTensor
@testable import SegVision

/// A process group that only claims a rank and a size, for checking what each rank would take;
/// its collectives act as if every rank held the same values (sum multiplies by size).
final class PretendRanks: ProcessGroup {
    let rank: Int, size: Int
    init(rank: Int, size: Int) { self.rank = rank; self.size = size }
    func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws {
        if op == .sum { for i in 0..<count { buffer[i] *= Float(size) } }
    }
    func allreduce(_ buffer: UnsafeMutablePointer<Int64>, count: Int, op: ReduceOperation) throws {
        if op == .sum { for i in 0..<count { buffer[i] *= Int64(size) } }
    }
    func allreduce(_ buffer: UnsafeMutablePointer<Double>, count: Int, op: ReduceOperation) throws {
        if op == .sum { for i in 0..<count { buffer[i] *= Double(size) } }
    }
    func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, root: Int) throws {}
    func barrier() throws {}
    func abort(status: Int32, message: String) -> Never { fatalError(message) }

    /// Runs `body` as rank `rank` of `size`, then goes back to a single process.
    static func run<T>(rank: Int, size: Int, _ body: () throws -> T) rethrows -> T {
        Distributed.install(PretendRanks(rank: rank, size: size))
        defer { Distributed.install(SingleProcess()) }
        return try body()
    }
}

final class LoaderShardingTests: XCTestCase {
    func miniTrain() throws -> CamVidDataset {
        try CamVid.load(root: TestData.mini, split: "train", size: ImageSize(height: 24, width: 32))
    }

    func batches(_ loader: DataLoader, epochs: Int = 2) throws -> [[Batch]] {
        try (0..<epochs).map { _ in
            let epoch = loader.epoch()
            var result: [Batch] = []
            while let b = try epoch.next() { result.append(b) }
            return result
        }
    }

    func testRanksTakeContiguousSharesOfEveryGlobalBatchWithTheSameAugmentation() throws {
        let ds = try miniTrain()
        let augment = Augmentation(hflip: true, scale: 0.8...1.2, crop: ImageSize(height: 20, width: 28))
        func make() throws -> DataLoader { try DataLoader(dataset: ds, batch: 7, shuffle: true, augmentation: augment, seed: 5) }
        let alone = try batches(make())
        for size in [2, 3, 4] {
            let shards = try (0..<size).map { rank in try PretendRanks.run(rank: rank, size: size) { (try make().count, try batches(make())) } }
            for (rank, shard) in shards.enumerated() {
                XCTAssertEqual(shard.0, alone[0].count, "the number of batches is the notebook's whatever the ranks")
                XCTAssertEqual(shard.1.map(\.count), alone.map(\.count), "rank \(rank) of \(size)")
            }
            for epoch in alone.indices {
                for (b, whole) in alone[epoch].enumerated() {
                    let parts = shards.map { $0.1[epoch][b] }
                    if whole.indices.count < size {
                        // Fewer frames than ranks: every rank gets the whole batch.
                        for part in parts { XCTAssertEqual(part.indices, whole.indices) }
                        continue
                    }
                    XCTAssertEqual(parts.flatMap(\.indices), whole.indices, "epoch \(epoch) batch \(b), \(size) ranks")
                    let sizes = parts.map(\.indices.count)
                    XCTAssertLessThanOrEqual((sizes.max() ?? 0) - (sizes.min() ?? 0), 1)
                    // Same augmentation stream: a rank's frames are exactly the single process's.
                    let pieces = try parts.flatMap { try TestData.floats($0.image) }
                    XCTAssertEqual(pieces, try TestData.floats(whole.image))
                }
            }
        }
    }

    func testABatchSmallerThanTheRanksGoesWholeToEveryRank() throws {
        let ds = try miniTrain()
        let shards = try (0..<4).map { rank in
            try PretendRanks.run(rank: rank, size: 4) { try batches(DataLoader(dataset: ds, batch: 3, shuffle: false), epochs: 1)[0] }
        }
        for shard in shards {
            XCTAssertEqual(shard.count, 11)
            XCTAssertEqual(shard[0].indices, [0, 1, 2])
            XCTAssertEqual(shard[10].indices, [30, 31])
        }
    }

    func testEvaluationShardsFramesSoEachIsSeenOnce() throws {
        let ds = try miniTrain()
        let shards = try (0..<3).map { rank in
            try PretendRanks.run(rank: rank, size: 3) { () -> (Int, [Int]) in
                let loader = try DataLoader(dataset: ds, batch: 4, shuffle: false, sharding: .frames)
                return (loader.count, try batches(loader, epochs: 1)[0].flatMap(\.indices))
            }
        }
        XCTAssertEqual(shards.flatMap(\.1), Array(0..<32))
        XCTAssertEqual(shards.map(\.0), [3, 3, 3])
        XCTAssertEqual(shards.map(\.1.count), [10, 11, 11])
    }

    func testConfusionCountsAreSummedOverRanks() throws {
        let prediction = try Tensor(int32: [0, 1, 1, 0], shape: [1, 2, 2])
        let target = try Tensor(int32: [0, 1, 0, 0], shape: [1, 2, 2])
        let alone = try ConfusionMatrix(classes: 2)
        try alone.add(prediction, target)
        let counts = try PretendRanks.run(rank: 1, size: 3) { () -> ([Int], [Int]) in
            let perBatch = try ConfusionMatrix(classes: 2)
            try perBatch.addFromEveryRank(prediction, target)
            let atEnd = try ConfusionMatrix(classes: 2)
            try atEnd.add(prediction, target)
            try atEnd.sumOverRanks()
            return (perBatch.counts, atEnd.counts)
        }
        XCTAssertEqual(counts.0, alone.counts.map { $0 * 3 })
        XCTAssertEqual(counts.1, alone.counts.map { $0 * 3 })
    }
}
