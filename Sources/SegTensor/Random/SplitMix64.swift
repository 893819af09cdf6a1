/// A tiny deterministic generator (SplitMix64): the same numbers for the same seed on every
/// machine and build, so weight initialisation, shuffles and augmentations are reproducible.
/// (`RandomStream` is the splittable, counter-based stream behind tensors and the language's
/// `seed()`; this one is the plain sequential generator for Swift's `RandomNumberGenerator` APIs.)
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for a sub-stream, e.g. (seed, epoch, item): independent of draw order elsewhere.
    public init(seed: UInt64, stream: UInt64...) {
        var s = SplitMix64(seed: seed)
        for value in stream { s = SplitMix64(seed: s.next() ^ value &* 0x9E37_79B9_7F4A_7C15) }
        self = s
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return RandomStream.splitMix(state)
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
