import Foundation

/// The tensors and string metadata of one safetensors file, in file order.
public struct SafetensorsFile {
    /// Named tensors, ordered by their position in the file's data section.
    public var tensors: [(String, Tensor)]
    /// The optional `__metadata__` string map.
    public var metadata: [String: String]

    public init(tensors: [(String, Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }
}

/// Reading and writing the safetensors format (an 8-byte little-endian header length, a JSON
/// header, then raw little-endian data). F32, I32 and BOOL map to our dtypes; I64 reads as int32
/// when every value fits. Every malformed input is an error naming the path and the problem.
public enum Safetensors {
    /// Reads every tensor of the file at `path`, in file order.
    public static func read(_ path: String) throws -> [(String, Tensor)] {
        try readFile(path).tensors
    }

    /// Reads tensors and metadata of the file at `path`.
    public static func readFile(_ path: String) throws -> SafetensorsFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw TensorError("cannot read safetensors file \(path): \(error.localizedDescription)")
        }
        return try SafetensorsDecoder.decode(data, path: path)
    }

    /// Writes `tensors` to `path` atomically (a temporary file renamed into place). Entries are
    /// stored in sorted name order and the header is deterministic, so equal inputs give equal bytes.
    /// `integersAsInt64` widens int32 tensors to I64, the dtype PyTorch gives its integer buffers
    /// (`num_batches_tracked`), so a weights file has exactly the dtypes of torch's state dict.
    public static func write(_ tensors: [(String, Tensor)], to path: String, metadata: [String: String] = [:],
                             integersAsInt64: Bool = false) throws {
        let data = try SafetensorsEncoder.encode(tensors, metadata: metadata, path: path, integersAsInt64: integersAsInt64)
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw TensorError("cannot write safetensors file \(path): \(error.localizedDescription)")
        }
    }
}

/// Format names of our dtypes.
enum SafetensorsDType {
    static func name(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "F32"
        case .int32: return "I32"
        case .bool: return "BOOL"
        }
    }
}

/// Serialises tensors into safetensors bytes.
enum SafetensorsEncoder {
    static func encode(_ tensors: [(String, Tensor)], metadata: [String: String], path: String,
                       integersAsInt64: Bool = false) throws -> Data {
        var seen = Set<String>()
        for (name, _) in tensors where !seen.insert(name).inserted {
            throw TensorError("cannot write safetensors file \(path): duplicate tensor name \"\(name)\"")
        }
        guard !seen.contains("__metadata__") else {
            throw TensorError("cannot write safetensors file \(path): \"__metadata__\" is reserved")
        }
        let sorted = tensors.sorted { $0.0 < $1.0 }
        // The header goes through JSONSerialization, which does the string escaping; sorted keys
        // keep the file byte-for-byte the same from one save to the next.
        var entries: [String: Any] = [:]
        if !metadata.isEmpty { entries["__metadata__"] = metadata }
        var offset = 0
        var parts: [Tensor] = []
        for (name, tensor) in sorted {
            let widened = integersAsInt64 && tensor.dtype == .int32
            let bytes = tensor.count * (widened ? 8 : tensor.dtype.byteSize)
            entries[name] = ["dtype": widened ? "I64" : SafetensorsDType.name(tensor.dtype),
                             "shape": tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
            parts.append(try StridedCopy.contiguousIfNeeded(tensor.detach()))
        }
        var header: [UInt8]
        do {
            header = Array(try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw TensorError("cannot write safetensors file \(path): the header is not valid JSON (\(error.localizedDescription))")
        }
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for part in parts {
            if integersAsInt64 && part.dtype == .int32 {
                let source = part.pointer(as: Int32.self)
                for i in 0..<part.count { withUnsafeBytes(of: Int64(source[i]).littleEndian) { data.append(contentsOf: $0) } }
                continue
            }
            data.append(UnsafeRawPointer(part.pointer(as: UInt8.self)).assumingMemoryBound(to: UInt8.self),
                        count: part.count * part.dtype.byteSize)
        }
        return data
    }
}
