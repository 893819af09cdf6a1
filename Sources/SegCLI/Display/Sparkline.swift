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
            means.append(finite[lo..<hi].reduce(0, +) / Double(hi - lo))
        }
        let lowest = means.min() ?? 0
        let highest = means.max() ?? 0
        let span = highest - lowest
        return String(means.map { v -> Character in
            guard span > 0 else { return levels[3] }
            let index = Int(((v - lowest) / span * Double(levels.count - 1)).rounded())
            return levels[min(levels.count - 1, max(0, index))]
        })
    }
}
