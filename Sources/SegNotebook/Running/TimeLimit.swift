/// Time limits given by users (`timeout=` in a cell header, `--timeout`) as deadlines, without
/// converting an arbitrary Double to an integer count of milliseconds (which traps past Int64).
public enum TimeLimit {
    /// About three years: a limit beyond this (or infinite) is no limit at all.
    public static let longestSeconds: Double = 1e8

    /// The instant `seconds` after `start`; nil when there is no limit, or when it is so long
    /// (past `longestSeconds`, infinite, not a number) that it is effectively none.
    public static func deadline(after seconds: Double?, from start: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard let seconds, seconds <= longestSeconds else { return nil }
        return start + .nanoseconds(Int64((max(seconds, 0) * 1e9).rounded()))
    }
}
