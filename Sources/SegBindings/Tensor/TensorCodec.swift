import SegScript
import SegTensor

/// The compact byte form of a tensor for the notebook cache: dtype, requires_grad, rank, shape
/// (little-endian Int64), then the contiguous elements.
enum TensorCodec {
    /// The decoder tag.
    static let tag = "tensor"

    static func encode(_ t: Tensor) throws -> [UInt8] {
        var out = ByteWriter<[UInt8]>()
        out.u8(UInt8(DType.allCases.firstIndex(of: t.dtype) ?? 0))
        out.bool(t.requiresGrad)
        out.int(t.rank)
        for d in t.shape { out.int(d) }
        let c = try t.contiguous()
        let p = UnsafeRawPointer(c.storage.base) + c.offset * c.dtype.byteSize
        out.raw(UnsafeRawBufferPointer(start: p, count: c.count * c.dtype.byteSize))
        return out.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> Tensor {
        var reader = ByteReader(bytes, what: "tensor")
        let code = Int(try reader.u8())
        guard code < DType.allCases.count else { throw reader.corrupt("unknown dtype code \(code)") }
        let dtype = DType.allCases[code]
        let requiresGrad = try reader.bool()
        let rank = try reader.int()
        guard rank >= 0, rank <= 32 else { throw reader.corrupt("bad rank \(rank)") }
        var shape: [Int] = []
        for _ in 0..<rank { shape.append(try reader.int()) }
        try Shape.validate(shape)
        let n = Shape.count(shape) * dtype.byteSize
        guard reader.remaining == n else { throw reader.corrupt("\(reader.remaining) data bytes, expected \(n)") }
        let data = try reader.take(n)
        let t = try Tensor(shape: shape, dtype: dtype, zeroed: false)
        data.withUnsafeBytes { source in
            guard let base = source.baseAddress, n > 0 else { return }
            t.storage.base.copyMemory(from: base, byteCount: n)
        }
        t.requiresGrad = requiresGrad && dtype == .float32
        return t
    }

    /// A state dict (a layer's weights, an optimizer's moments): a count, then name and tensor blobs.
    static func write(stateDict: [(name: String, tensor: Tensor)], to out: inout ByteWriter<[UInt8]>) throws {
        out.int(stateDict.count)
        for (name, t) in stateDict {
            out.string(name)
            out.blob(try encode(t))
        }
    }

    /// What `write(stateDict:to:)` wrote.
    static func readStateDict(from reader: inout ByteReader<[UInt8]>) throws -> [String: Tensor] {
        // Each entry holds at least two eight-byte lengths.
        let count = try reader.count(itemSize: 16)
        var dict: [String: Tensor] = [:]
        for _ in 0..<count {
            let name = try reader.string()
            dict[name] = try decode(Array(try reader.blob()))
        }
        return dict
    }
}
