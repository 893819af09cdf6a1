import Foundation
import SegTensor

/// One core's share of a batched convolution: a run of images and the index of the scratch
/// buffers it owns.
struct ImageLane {
    /// Which lane (0 up to `ImageLanes.maximum` - 1): selects the lane's own column buffers.
    let index: Int
    /// The images of the batch this lane computes.
    let images: Range<Int>
    /// True when this lane has the machine to itself (a batch of one): kernels inside it then
    /// split their own work and sgemm uses OpenBLAS's threads.
    let isAlone: Bool

    /// Runs `body` over output rows [first, end) of one image: all of them on this lane's
    /// thread, or split across the compute threads when the lane is alone.
    func rows(_ height: Int, work: Int, _ body: (Int, Int) -> Void) {
        if isAlone { Parallel.forRanges(height, work: work, body) } else { body(0, height) }
    }
}

/// Splits a batch of per-image convolution work (im2col, one sgemm, bias) into lanes of images
/// that run on the process's threads at once, each calling single-threaded sgemm.
///
/// Per-image GEMMs of a small U-Net are small (the deep layers multiply a few hundred rows by
/// 768 pixels), so splitting each one across OpenBLAS's threads paid a hand-off per call and left
/// OpenBLAS's workers spinning while the other core ran im2col; splitting images between the cores
/// keeps each core on its own image from im2col through the GEMM, with the columns still in cache.
enum ImageLanes {
    /// The most lanes a batch is split into (one per compute thread).
    static let maximum = Parallel.chunks

    /// The lanes for `batch` images: one for a single image or a single thread, otherwise up to
    /// `maximum` near-equal runs of images.
    static func plan(batch: Int) -> [ImageLane] {
        let count = min(maximum, batch)
        if count < 2 { return [ImageLane(index: 0, images: 0..<batch, isAlone: true)] }
        return (0..<count).map { lane in
            ImageLane(index: lane, images: (batch * lane / count)..<(batch * (lane + 1) / count), isAlone: false)
        }
    }

    /// Runs `body` for every lane, concurrently (with single-threaded sgemm) when there are several.
    static func run(_ lanes: [ImageLane], _ body: (ImageLane) -> Void) {
        guard lanes.count > 1 else {
            lanes.forEach(body)
            return
        }
        Gemm.withSingleThreadedBLAS {
            Parallel.perform(parts: lanes.count) { body(lanes[$0]) }
        }
    }
}
