import SegTensor

/// Evaluating a segmentation model over a dataset.
public enum Metrics {
    /// Runs `model` over `dataset` in order, `batch` items at a time, without recording
    /// gradients, and accumulates the confusion matrix (void ignored); in a data-parallel run
    /// each rank takes its share of the frames and every rank gets the counts of all of them. `prepare` runs first and
    /// is where the caller switches the model to eval mode. The model receives the raw batch
    /// `[B, 3, H, W]` in 0...1 (normalise inside the closure) and returns logits `[B, C, H, W]`
    /// or labels `[B, H, W]`.
    public static func evaluate(dataset: CamVidDataset, batch: Int = 8, prepare: (() throws -> Void)? = nil,
                                model: (Tensor) throws -> Tensor) throws -> MetricsReport {
        try prepare?()
        let matrix = try ConfusionMatrix(classes: dataset.classes.count, ignore: dataset.void, names: dataset.classes)
        let loader = try DataLoader(dataset: dataset, batch: batch, shuffle: false, sharding: .frames)
        let epoch = loader.epoch()
        defer { epoch.close() }
        try GradMode.withoutGrad {
            while let b = try epoch.next() {
                try matrix.add(model(b.image), b.labels)
            }
        }
        try matrix.sumOverRanks()
        return try matrix.report()
    }
}
