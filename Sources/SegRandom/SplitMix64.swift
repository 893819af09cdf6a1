/// A tiny deterministic generator (SplitMix64, Vigna's splitmix64.c): the same numbers for the
/// same seed on every machine and build, so weight initialisation, shuffles, augmentations and
/// test data are reproducible. SegTensor's `RandomStream` keys its Philox stream with `mix`, and
/// `Xoshiro256StarStar` (the language's `random()`) is seeded from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for a sub-stream, e.g. (seed, epoch, item): independent of draw order elsewhere.
    public init(seed: UInt64, stream: UInt64...) {
        var s = SplitMix64(seed: seed)
        for value in stream { s = SplitMix64(seed: s.next() ^ value &* Self.increment) }
        self = s
    }

    /// The golden-ratio increment between states.
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        defer { state &+= Self.increment }
        return Self.mix(state)
    }

    /// The output for `state`: one increment, then the finaliser that spreads its bits (also
    /// how a seed becomes a key).
    @inlinable public static func mix(_ state: UInt64) -> UInt64 {
        var z = state &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992) }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Fisher–Yates shuffle of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        if n < 2 { return order }
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, int(in: 0...i)) }
        return order
    }
}
