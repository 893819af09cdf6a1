/// A one-line chart of a series with the eight block heights `▁▂▃▄▅▆▇█`.
enum Sparkline {
    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The series averaged into at most `width` buckets; non-finite values are skipped.
    static func render(_ values: [Double], width: Int = 40) -> String {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty, width > 0 else { return "" }
        let buckets = min(width, finite.count)
        var means: [Double] = []
        for b in 0..<buckets {
            let lo = b * finite.count / buckets
            let hi = max(lo + 1, (b + 1) * finite.count / buckets)
            // Each term divided first, so values near the largest Double do not sum to infinity.
            let count = Double(hi - lo)
            means.append(finite[lo..<hi].reduce(0) { $0 + $1 / count })
        }
        let lowest = means.min() ?? 0
        let highest = means.max() ?? 0
        // Halved so the span of -1e308 and 1e308 stays finite.
        let span = highest / 2 - lowest / 2
        return String(means.map { v -> Character in
            let position = (v / 2 - lowest / 2) / span * Double(levels.count - 1)
            guard span > 0, position.isFinite else { return levels[3] }
            return levels[min(levels.count - 1, max(0, Int(position.rounded())))]
        })
    }
}
