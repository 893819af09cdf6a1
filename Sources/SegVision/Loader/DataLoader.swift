import Foundation
import SegTensor
import SegRandom

/// One batch: image float32 `[B, 3, H, W]` in 0...1, labels int32 `[B, H, W]`, the item indices
/// and frame names.
public struct Batch {
    public var image: Tensor
    public var labels: Tensor
    public var indices: [Int]
    public var names: [String]
}

/// Batches of a dataset, shuffled and augmented reproducibly from `seed`, prepared on a
/// background thread ahead of the consumer. Each `epoch()` call starts the next epoch: epoch k's
/// order and augmentations depend only on (seed, k).
public final class DataLoader {
    public let dataset: CamVidDataset
    public let batchSize: Int
    public let shuffle: Bool
    public let augmentation: Augmentation
    public let seed: UInt64
    public let dropLast: Bool
    /// How many prepared batches may wait for the consumer.
    public let prefetch: Int
    /// How the batches are shared among the ranks of a data-parallel run.
    public let sharding: LoaderSharding
    /// The number of epochs started so far.
    public private(set) var epochsStarted = 0

    public init(dataset: CamVidDataset, batch: Int = 8, shuffle: Bool = true, augmentation: Augmentation = .none,
                seed: UInt64 = 0, dropLast: Bool = false, prefetch: Int = 3, sharding: LoaderSharding = .batches) throws {
        guard batch > 0 else { throw VisionError("loader: batch must be positive, got \(batch)") }
        if let range = augmentation.scale, range.lowerBound <= 0 {
            throw VisionError("loader: augment scale \(range) must be positive")
        }
        if let crop = augmentation.crop, crop.height <= 0 || crop.width <= 0 {
            throw VisionError("loader: augment crop \(crop) must be positive")
        }
        for (name, strength) in [("brightness", augmentation.brightness), ("contrast", augmentation.contrast),
                                 ("saturation", augmentation.saturation)] where !(strength >= 0 && strength.isFinite) {
            throw VisionError("loader: augment \(name) must be a finite number >= 0, got \(strength)")
        }
        self.dataset = dataset
        batchSize = batch
        self.shuffle = shuffle
        self.augmentation = augmentation
        self.seed = seed
        self.dropLast = dropLast
        self.prefetch = prefetch
        self.sharding = sharding
    }

    /// Batches per epoch (the same on every rank when sharding by batches; when sharding by
    /// frames, this rank's).
    public var count: Int {
        if sharding == .frames, Distributed.size > 1 { return batchCount(items: frameShare.count) }
        return batchCount(items: dataset.count)
    }

    private func batchCount(items: Int) -> Int { dropLast ? items / batchSize : (items + batchSize - 1) / batchSize }

    /// This rank's frames when sharding by frames.
    private var frameShare: Range<Int> { Distributed.share(of: dataset.count, rank: Distributed.rank, size: Distributed.size) }

    /// The item order of epoch `epoch`.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        var rng = SplitMix64(seed: seed, stream: UInt64(epoch), 0x5348_5546)
        return rng.permutation(dataset.count)
    }

    /// Starts the next epoch: a background thread begins preparing its batches now.
    public func epoch() -> LoaderEpoch {
        defer { epochsStarted += 1 }
        var order = order(epoch: epochsStarted)
        let rank = Distributed.rank, ranks = Distributed.size
        if sharding == .frames, ranks > 1 { order = Array(order[frameShare]) }
        var groups: [[Int]] = stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, order.count)]) }
        if dropLast, let last = groups.last, last.count < batchSize { groups.removeLast() }
        if sharding == .batches, ranks > 1 {
            // A batch with fewer frames than ranks goes whole to every rank: no rank is left
            // without data while the others wait for it in step(), and the averaged gradient
            // is the batch's own.
            groups = groups.map { $0.count < ranks ? $0 : Array($0[Distributed.share(of: $0.count, rank: rank, size: ranks)]) }
        }
        return LoaderEpoch(loader: self, epoch: epochsStarted, groups: groups)
    }

    /// Assembles one batch (called on the producer thread).
    func assemble(_ indices: [Int], epoch: Int) throws -> Batch {
        var items: [CamVidDataset.CachedSample] = []
        for i in indices { items.append(try dataset.cached(i)) }
        guard let first = items.first else { throw VisionError("loader: empty batch") }
        let out = augmentation.crop ?? ImageSize(height: first.height, width: first.width)
        if augmentation.crop == nil, let odd = items.firstIndex(where: { $0.height != out.height || $0.width != out.width }) {
            throw VisionError("loader: \(dataset.names[indices[odd]]) is \(items[odd].width)x\(items[odd].height) but \(dataset.names[indices[0]]) is \(out.width)x\(out.height); load with size: or augment with crop: to batch them")
        }
        let b = items.count, plane = out.height * out.width
        let image = try Tensor(shape: [b, 3, out.height, out.width], zeroed: false)
        let labels = try Tensor(shape: [b, out.height, out.width], dtype: .int32, zeroed: false)
        let img = image.pointer(as: Float.self), lab = labels.pointer(as: Int32.self)
        for (slot, item) in items.enumerated() {
            var rng = SplitMix64(seed: seed, stream: UInt64(epoch), UInt64(indices[slot]), 0x4155_47)
            let placement = SamplePlacement(height: item.height, width: item.width, out: out, augmentation: augmentation, rng: &rng)
            placement.render(item, out: out, void: Int32(dataset.void), image: img + slot * 3 * plane, labels: lab + slot * plane)
            placement.adjustColour(img + slot * 3 * plane, pixels: plane)
        }
        return Batch(image: image, labels: labels, indices: indices, names: indices.map { dataset.names[$0] })
    }
}

/// How a loader's batches are shared among the ranks of a data-parallel run (alone, it makes no
/// difference).
public enum LoaderSharding: Sendable {
    /// Training: every rank draws the same order and augmentations, and rank r takes its
    /// contiguous share of each global batch (`Distributed.share`), so the number of batches,
    /// and with it the schedule, is the same whatever the number of ranks. A batch with fewer
    /// frames than ranks (a last partial batch, or `batch: 1`) goes whole to every rank.
    /// Shares differ by one frame when the batch does not divide evenly; the averaged gradient
    /// then weighs the smaller shares' frames slightly more than one process would.
    case batches
    /// Evaluation: rank r takes its contiguous share of the frames and batches it, so every
    /// frame is seen by exactly one rank (the ranks may run different numbers of batches).
    case frames
}

/// The batches of one epoch, produced by a background thread. `next()` blocks until the next
/// batch is ready and rethrows a decoding error (naming the file) in order. Stopping early is
/// fine: `close()` (or releasing the epoch) stops and waits for the producer.
public final class LoaderEpoch {
    /// The number of batches in this epoch.
    public let count: Int
    /// Total seconds `next()` spent blocked waiting for the producer.
    public private(set) var waitSeconds: Double = 0
    private let queue: BatchQueue<Batch>
    private let done = DispatchSemaphore(value: 0)
    private var closed = false

    init(loader: DataLoader, epoch: Int, groups: [[Int]]) {
        count = groups.count
        let queue = BatchQueue<Batch>(capacity: loader.prefetch)
        self.queue = queue
        let done = self.done
        let thread = Thread {
            var failure: Error?
            for group in groups {
                if queue.cancelled { break }
                do {
                    let batch = try loader.assemble(group, epoch: epoch)
                    if !queue.put(batch) { break }
                } catch {
                    failure = error
                    break
                }
            }
            queue.finish(failure)
            done.signal()
        }
        thread.name = "segnb.loader"
        thread.start()
    }

    /// The next batch, nil at the end of the epoch.
    public func next() throws -> Batch? {
        if closed { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { waitSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
            guard let batch = try queue.take() else { close(); return nil }
            return batch
        } catch {
            close()
            throw error
        }
    }

    /// Stops the producer and waits for its thread to finish.
    public func close() {
        if closed { return }
        closed = true
        queue.cancel()
        done.wait()
    }

    deinit { close() }
}

extension CamVidDataset {
    /// A loader over this dataset (the language's `ds.loader(batch:, shuffle:, augment:, seed:, drop_last:)`).
    public func loader(batch: Int = 8, shuffle: Bool = true, augment: Augmentation = .none,
                       seed: UInt64 = 0, dropLast: Bool = false) throws -> DataLoader {
        try DataLoader(dataset: self, batch: batch, shuffle: shuffle, augmentation: augment, seed: seed, dropLast: dropLast)
    }
}
