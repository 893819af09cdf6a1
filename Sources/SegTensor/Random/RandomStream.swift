import Foundation
import SegRandom

/// A seeded, splittable random stream: Philox4x32-10 (Salmon et al., "Parallel random numbers:
/// as easy as 1, 2, 3") keyed by the seed and counting blocks.
///
/// Integer outputs depend only on the seed and position, so they are identical on every machine
/// and build; floats come from them by exact scaling (uniform) and Box–Muller in Double rounded to
/// Float (normal). `split(key:)` derives an independent stream from the seed and the key alone,
/// whatever this stream has already produced (one stream per notebook cell stays stable).
public final class RandomStream {
    /// The seed this stream was created with.
    public let seed: UInt64
    private let key0: UInt32, key1: UInt32
    private var counter: UInt64 = 0
    private var block: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    private var used = 4
    private var spareNormal: Double?

    /// A stream for `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        let mixed = SplitMix64.mix(seed)
        key0 = UInt32(truncatingIfNeeded: mixed)
        key1 = UInt32(truncatingIfNeeded: mixed >> 32)
    }

    /// The process-wide default stream (used when no stream is passed); `seed(_:)` resets it.
    public nonisolated(unsafe) static var global = RandomStream(seed: 0)

    /// Replaces the default stream with a fresh one for `seed`.
    public static func seedGlobal(_ seed: UInt64) { global = RandomStream(seed: seed) }

    /// An independent stream identified by `key`.
    public func split(key: UInt64) -> RandomStream {
        RandomStream(seed: SplitMix64.mix(seed ^ SplitMix64.mix(key &+ 0x632BE59BD9B4E019)))
    }

    /// An independent stream identified by a string (FNV-1a of its UTF-8 bytes).
    public func split(key: String) -> RandomStream {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return split(key: hash)
    }

    /// The next 32 random bits.
    public func nextUInt32() -> UInt32 {
        if used == 4 {
            block = RandomStream.philox((UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32), 0, 0),
                                        key: (key0, key1))
            counter &+= 1
            used = 0
        }
        defer { used += 1 }
        switch used {
        case 0: return block.0
        case 1: return block.1
        case 2: return block.2
        default: return block.3
        }
    }

    /// The next 64 random bits.
    public func nextUInt64() -> UInt64 {
        UInt64(nextUInt32()) << 32 | UInt64(nextUInt32())
    }

    /// Uniform in [0, 1) with 24 random bits (exact in Float).
    public func uniformFloat() -> Float { Float(nextUInt32() >> 8) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    public func uniform() -> Double { Double(nextUInt64() >> 11) * 0x1p-53 }

    /// A uniform integer in `0..<bound` (unbiased; bound must be positive).
    public func int(below bound: Int) throws -> Int {
        guard bound > 0 else { throw TensorError("random integer below \(bound): the bound must be positive") }
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = nextUInt64()
            let (high, low) = value.multipliedFullWidth(by: limit)
            if low >= threshold { return Int(high) }
        }
    }

    /// A standard normal sample (Box–Muller; pairs are used in order).
    public func normal() -> Double {
        if let spare = spareNormal { spareNormal = nil; return spare }
        let (a, b) = normalPair()
        spareNormal = b
        return a
    }

    /// Two independent standard normal samples.
    private func normalPair() -> (Double, Double) {
        let u1 = (Double(nextUInt32() >> 8) + 1) * 0x1p-24   // (0, 1]: log is finite
        let u2 = Double(nextUInt32() >> 8) * 0x1p-24
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return (radius * Foundation.cos(angle), radius * Foundation.sin(angle))
    }

    /// Fills `count` floats with uniform [0, 1) samples: the same sequence as `uniformFloat()`
    /// calls, but whole Philox blocks are written at once.
    func fillUniform(_ p: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count && used < 4 { p[i] = uniformFloat(); i += 1 }
        while i + 4 <= count {
            let b = RandomStream.philox((UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32), 0, 0),
                                        key: (key0, key1))
            counter &+= 1
            p[i] = Float(b.0 >> 8) * 0x1p-24
            p[i + 1] = Float(b.1 >> 8) * 0x1p-24
            p[i + 2] = Float(b.2 >> 8) * 0x1p-24
            p[i + 3] = Float(b.3 >> 8) * 0x1p-24
            i += 4
        }
        while i < count { p[i] = uniformFloat(); i += 1 }
    }

    /// Fills `count` floats with standard normal samples.
    func fillNormal(_ p: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { p[i] = Float(normal()) }
    }

    /// Philox4x32-10 of one counter block under a key.
    static func philox(_ counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for _ in 0..<10 {
            let p0 = UInt64(0xD2511F53) &* UInt64(c0), p1 = UInt64(0xCD9E8D57) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
            k0 &+= 0x9E3779B9
            k1 &+= 0xBB67AE85
        }
        return (c0, c1, c2, c3)
    }
}
