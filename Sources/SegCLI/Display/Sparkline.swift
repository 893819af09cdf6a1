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
            let count = Double(hi - lo)
            means.append(finite[lo..<hi].reduce(0) { $0 + $1 / count })
        }
        let lowest = means.min() ?? 0
        let highest = means.max() ?? 0
        // Halves keep the span finite for values near the largest Double.
        let halfSpan = highest / 2 - lowest / 2
        return String(means.map { v -> Character in
            guard halfSpan > 0, halfSpan.isFinite else { return levels[3] }
            let position = (v / 2 - lowest / 2) / halfSpan * Double(levels.count - 1)
            guard position.isFinite else { return levels[3] }
            return levels[Int(min(max(position.rounded(), 0), Double(levels.count - 1)))]
        })
    }
}
