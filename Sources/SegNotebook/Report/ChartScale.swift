import Foundation

/// Axis ranges with "nice" tick steps (1, 2 or 5 times a power of ten). Any finite data gives a
/// finite scale: spans near the largest Double are halved before they are subtracted, and when no
/// round step fits, the scale keeps the data's own bounds with evenly spaced ticks.
struct ChartScale {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var step: Double

    /// A scale covering `min...max` with about `count` ticks at round values; non-finite bounds give 0...1.
    static func nice(min low: Double, max high: Double, count: Int) -> ChartScale {
        var low = low, high = high
        if !low.isFinite || !high.isFinite || low > high { low = 0; high = 1 }
        if high == low {
            let pad = abs(low) > 1e-300 ? abs(low) * 0.1 : 1
            low = Swift.max(low - pad, -Double.greatestFiniteMagnitude)
            high = Swift.min(high + pad, Double.greatestFiniteMagnitude)
        }
        let intervals = Double(Swift.min(Swift.max(count, 1), 20))
        let halfSpan = high / 2 - low / 2
        let magnitude = pow(10, floor(log10(halfSpan) + log10(2 / intervals)))
        let residual = halfSpan / magnitude * (2 / intervals)
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        let lower = floor(low / step) * step
        let upper = ceil(high / step) * step
        guard step.isFinite, step > 0, lower.isFinite, upper.isFinite, upper > lower else {
            return linear(low, high, intervals: Int(intervals))
        }
        var ticks: [Double] = []
        var index = 0.0
        while ticks.count < 50 {
            let tick = lower + index * step
            guard tick <= upper + step * 1e-9 else { break }
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            index += 1
        }
        return ChartScale(lower: lower, upper: upper, ticks: ticks, step: step)
    }

    /// The data's own bounds with `intervals` equal steps, for ranges no round step can cover.
    private static func linear(_ low: Double, _ high: Double, intervals: Int) -> ChartScale {
        let ticks = (0...intervals).map { index -> Double in
            let t = Double(index) / Double(intervals)
            return low * (1 - t) + high * t
        }
        return ChartScale(lower: low, upper: high, ticks: ticks, step: high / 2 / Double(intervals) - low / 2 / Double(intervals))
    }

    /// Where `value` falls between `lower` (0) and `upper` (1), without overflowing; NaN stays NaN.
    func fraction(_ value: Double) -> Double {
        let span = upper / 2 - lower / 2
        guard span > 0 else { return 0.5 }
        return (value / 2 - lower / 2) / span
    }

    /// A tick label with as many decimals as the step needs.
    func label(_ value: Double) -> String {
        let magnitude = Swift.max(abs(lower), abs(upper))
        if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) || !(step > 0) || !step.isFinite {
            return String(format: "%.3g", value)
        }
        // step is positive and finite here, so its log is within ±324.
        let decimals = Swift.min(Swift.max(0, Int(-floor(log10(step) + 1e-9))), 12)
        return String(format: "%.\(decimals)f", value)
    }
}

/// Thins a series for drawing: per pixel column, keep the first, minimum, maximum and last points in order,
/// so 10k points draw like the full curve with a few per pixel.
enum ChartDownsampler {
    static func thin(x: [Double], y: [Double], pixels: Int) -> [(Double, Double)] {
        let count = Swift.min(x.count, y.count)
        guard pixels > 0, count > pixels * 4, let first = x.first, let last = x.last, first.isFinite, last.isFinite, last > first else {
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
        // Halves keep the span finite even for x values near the largest Double.
        let halfSpan = last / 2 - first / 2
        var bucket = 0
        for index in 0..<count {
            let position = (x[index] / 2 - first / 2) / halfSpan * Double(pixels)
            // A non-finite x stays in the current bucket; clamping before Int() keeps the conversion in range.
            let current = position.isFinite ? Int(Swift.min(Swift.max(position, 0), Double(pixels - 1))) : bucket
            if current != bucket { flush(index); bucketStart = index; bucket = current }
        }
        flush(count)
        return result
    }
}
