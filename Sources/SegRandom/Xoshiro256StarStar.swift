/// xoshiro256** (Blackman and Vigna) seeded by SplitMix64: the language's own deterministic
/// random stream behind `random()` and `randint()`, one per interpreter, reseeded per cell by the
/// notebook runner. Separate from the tensor stream (SegTensor's `RandomStream`).
public struct Xoshiro256StarStar {
    private var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// A stream from `seed`.
    public init(seed: UInt64) { reseed(seed) }

    /// Restarts the stream from `seed`.
    public mutating func reseed(_ seed: UInt64) {
        var seeds = SplitMix64(seed: seed)
        s = (seeds.next(), seeds.next(), seeds.next(), seeds.next())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = (s.3 << 45) | (s.3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in `lo...hi` (inclusive), without modulo bias.
    public mutating func nextInt(_ lo: Int, _ hi: Int) -> Int {
        let span = UInt64(bitPattern: Int64(hi &- lo)) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        let limit = UInt64.max - UInt64.max % span
        var r = next()
        while r >= limit { r = next() }
        return lo &+ Int(truncatingIfNeeded: r % span)
    }
}
