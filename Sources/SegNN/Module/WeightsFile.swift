import Foundation
import SegTensor

/// Saving and loading a module's weights as safetensors with PyTorch's names and layouts, so the
/// same file loads into the equivalent torch.nn module with load_state_dict(strict=True).
extension Module {
    /// Writes every parameter and buffer to `path` (atomically).
    public func save(_ path: String) throws {
        let data = try WeightsFile.encode(stateDict(), path: path)
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw TensorError("cannot write weights file \(path): \(error.localizedDescription)")
        }
    }

    /// Reads the weights at `path` into this module; strict (see `load(stateDict:)`).
    public func load(_ path: String) throws {
        let entries = try Safetensors.read(path)
        var dictionary: [String: Tensor] = [:]
        for (name, tensor) in entries { dictionary[name] = tensor }
        try load(stateDict: dictionary, source: path)
    }
}

/// The safetensors encoding of a state dict.
///
/// This small writer sits beside SegTensor's `Safetensors.write` because PyTorch stores
/// `num_batches_tracked` as int64: integer buffers (int32 in memory) are widened to I64 so a file
/// written here has exactly the dtypes of torch's own state dict. Float32 tensors are F32.
/// Entries are sorted by name, as safetensors.torch does.
enum WeightsFile {
    static func encode(_ entries: [(name: String, tensor: Tensor)], path: String) throws -> Data {
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.name).inserted {
            throw TensorError("cannot write weights file \(path): duplicate entry \(entry.name)")
        }
        let sorted = entries.sorted { $0.name < $1.name }
        var header: [String] = ["\"__metadata__\":{\"format\":\"pt\"}"]
        var offset = 0
        for (name, tensor) in sorted {
            let (code, bytes) = try format(tensor, name: name, path: path)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            header.append("\(quote(name)):{\"dtype\":\"\(code)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var headerBytes = Array("{\(header.joined(separator: ","))}".utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var data = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for (_, tensor) in sorted {
            let values = try tensor.contiguous()
            switch values.dtype {
            case .float32:
                data.append(UnsafeBufferPointer(start: values.pointer(as: Float.self), count: values.count))
            case .int32:
                let source = values.pointer(as: Int32.self)
                for i in 0..<values.count {
                    withUnsafeBytes(of: Int64(source[i]).littleEndian) { data.append(contentsOf: $0) }
                }
            case .bool:
                data.append(UnsafeBufferPointer(start: values.pointer(as: UInt8.self), count: values.count))
            }
        }
        return data
    }

    private static func format(_ tensor: Tensor, name: String, path: String) throws -> (String, Int) {
        switch tensor.dtype {
        case .float32: return ("F32", tensor.count * 4)
        case .int32: return ("I64", tensor.count * 8)
        case .bool: return ("BOOL", tensor.count)
        }
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
