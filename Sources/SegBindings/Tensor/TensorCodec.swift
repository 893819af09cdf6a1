import SegTensor

/// The compact byte form of a tensor for the notebook cache: dtype, rank, shape (little-endian
/// Int64), requires_grad, then the contiguous elements.
enum TensorCodec {
    /// The decoder tag.
    static let tag = "tensor"

    static func encode(_ t: Tensor) throws -> [UInt8] {
        var out: [UInt8] = [UInt8(DType.allCases.firstIndex(of: t.dtype) ?? 0), t.requiresGrad ? 1 : 0]
        appendInt(t.rank, &out)
        for d in t.shape { appendInt(d, &out) }
        let c = try t.contiguous()
        let n = c.count * c.dtype.byteSize
        let p = UnsafeRawPointer(c.storage.base) + c.offset * c.dtype.byteSize
        out += UnsafeRawBufferPointer(start: p, count: n)
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> Tensor {
        var offset = 0
        func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw TensorError("stored tensor is truncated") }
            offset += 1
            return bytes[offset - 1]
        }
        func int() throws -> Int {
            var u: UInt64 = 0
            for k in 0..<8 { u |= UInt64(try byte()) << (8 * UInt64(k)) }
            return Int(Int64(bitPattern: u))
        }
        let code = Int(try byte())
        guard code < DType.allCases.count else { throw TensorError("stored tensor has unknown dtype code \(code)") }
        let dtype = DType.allCases[code]
        let requiresGrad = try byte() == 1
        let rank = try int()
        guard rank >= 0, rank <= 32 else { throw TensorError("stored tensor has bad rank \(rank)") }
        var shape: [Int] = []
        for _ in 0..<rank { shape.append(try int()) }
        try Shape.validate(shape)
        let n = Shape.count(shape) * dtype.byteSize
        guard bytes.count - offset == n else { throw TensorError("stored tensor has \(bytes.count - offset) data bytes, expected \(n)") }
        let t = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        bytes.withUnsafeBytes { src in
            guard let base = src.baseAddress, n > 0 else { return }
            t.storage.base.copyMemory(from: base + offset, byteCount: n)
        }
        t.requiresGrad = requiresGrad && dtype == .float32
        return t
    }

    private static func appendInt(_ i: Int, _ out: inout [UInt8]) {
        let u = UInt64(bitPattern: Int64(i))
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(k)))) }
    }
}
