import Foundation

/// How `classWeights` turns class frequencies into loss weights.
public enum ClassWeighting: String, Sendable {
    /// Median-frequency balancing: median(freq) / freq(c).
    case median
    /// The square root of the median-frequency weights (gentler on rare classes).
    case sqrt
}

extension CamVidDataset {
    /// Pixel counts per class over the split at the loaded size (void not counted).
    public func classCounts() throws -> [Int] {
        try preload()
        var counts = [Int](repeating: 0, count: classes.count + 1)
        for i in 0..<count {
            let item = try cached(i)
            item.labels.withUnsafeBufferPointer { labels in
                for v in labels { counts[min(Int(v), classes.count)] += 1 }
            }
        }
        return Array(counts.prefix(classes.count))
    }

    /// Each class's share of the split's non-void pixels.
    public func classFrequencies() throws -> [Double] {
        let counts = try classCounts()
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }

    /// Median-frequency weights (or their square root). The median is taken over the classes
    /// present (the lower middle value for an even number, as torch.median does); classes absent
    /// from the split get weight 0.
    public func classWeights(method: ClassWeighting = .median) throws -> [Double] {
        let frequencies = try classFrequencies()
        let present = frequencies.filter { $0 > 0 }.sorted()
        guard !present.isEmpty else { return frequencies.map { _ in 0 } }
        let median = present[(present.count - 1) / 2]
        return frequencies.map { f in
            guard f > 0 else { return 0 }
            return method == .median ? median / f : (median / f).squareRoot()
        }
    }

    /// Per-channel mean and standard deviation (unbiased, as torch.std) of the frames in 0...1.
    public func meanStd() throws -> (mean: [Double], std: [Double]) {
        try preload()
        var sums = [Double](repeating: 0, count: 3), squares = [Double](repeating: 0, count: 3)
        var n = 0
        for i in 0..<count {
            let item = try cached(i)
            let plane = item.height * item.width
            n += plane
            item.image.withUnsafeBufferPointer { image in
                for c in 0..<3 {
                    // Integer histograms keep the sums exact and fast.
                    var histogram = [Int](repeating: 0, count: 256)
                    for j in 0..<plane { histogram[Int(image[c * plane + j])] += 1 }
                    for (value, k) in histogram.enumerated() where k > 0 {
                        let x = Double(value) / 255
                        sums[c] += Double(k) * x
                        squares[c] += Double(k) * x * x
                    }
                }
            }
        }
        guard n > 1 else { return ([0, 0, 0], [0, 0, 0]) }
        let mean = sums.map { $0 / Double(n) }
        let std = (0..<3).map { c in (max(squares[c] - Double(n) * mean[c] * mean[c], 0) / Double(n - 1)).squareRoot() }
        return (mean, std)
    }
}
