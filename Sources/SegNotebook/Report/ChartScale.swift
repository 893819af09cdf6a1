import Foundation

/// Axis ranges with "nice" tick steps (1, 2 or 5 times a power of ten).
struct ChartScale {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var step: Double

    /// A scale covering `min...max` with about `count` ticks at round values.
    static func nice(min low: Double, max high: Double, count: Int) -> ChartScale {
        var low = low, high = high
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if high - low <= 0 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let rough = (high - low) / Double(Swift.max(count, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let residual = rough / magnitude
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        let lower = floor(low / step) * step
        let upper = ceil(high / step) * step
        var ticks: [Double] = []
        var tick = lower
        while tick <= upper + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ChartScale(lower: lower, upper: upper, ticks: ticks, step: step)
    }

    /// A tick label with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let magnitude = Swift.max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) { return String(format: "%.2g", value) }
        let decimals = Swift.max(0, Int(-floor(log10(step) + 1e-9)))
        return String(format: "%.\(decimals)f", value)
    }
}

/// Thins a series for drawing: per pixel column, keep the first, minimum, maximum and last points in order,
/// so 10k points draw like the full curve with a few per pixel.
enum ChartDownsampler {
    static func thin(x: [Double], y: [Double], pixels: Int) -> [(Double, Double)] {
        let count = Swift.min(x.count, y.count)
        guard count > pixels * 4, let first = x.first, let last = x.last, last > first else {
            return (0..<count).map { (x[$0], y[$0]) }
        }
        var result: [(Double, Double)] = []
        result.reserveCapacity(pixels * 4)
        var bucketStart = 0
        func flush(_ end: Int) {
            guard end > bucketStart else { return }
            var minIndex = -1, maxIndex = -1
            var indices = [bucketStart]
            for index in bucketStart..<end where y[index].isFinite {
                if minIndex < 0 || y[index] < y[minIndex] { minIndex = index }
                if maxIndex < 0 || y[index] > y[maxIndex] { maxIndex = index }
            }
            // A gap (non-finite value) inside the bucket must stay a gap.
            if let gap = (bucketStart..<end).first(where: { !y[$0].isFinite }) { indices.append(gap) }
            if minIndex >= 0 { indices.append(minIndex) }
            if maxIndex >= 0 { indices.append(maxIndex) }
            indices.append(end - 1)
            for index in Set(indices).sorted() { result.append((x[index], y[index])) }
        }
        let width = (last - first) / Double(pixels)
        var bucket = 0
        for index in 0..<count {
            let current = Swift.min(Int((x[index] - first) / width), pixels - 1)
            if current != bucket { flush(index); bucketStart = index; bucket = current }
        }
        flush(count)
        return result
    }
}
