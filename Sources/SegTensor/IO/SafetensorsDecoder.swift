import Foundation

/// Parses and validates safetensors bytes: header length, JSON structure, dtypes, shapes,
/// offsets against the data size, overlaps, and values (I64 range, BOOL bytes).
enum SafetensorsDecoder {
    /// Headers above this size are refused (the reference implementation's limit is 100 MB).
    static let maximumHeader = 100_000_000

    static func decode(_ data: Data, path: String) throws -> SafetensorsFile {
        func fail(_ problem: String) -> TensorError { TensorError("malformed safetensors file \(path): \(problem)") }
        guard data.count >= 8 else { throw fail("\(data.count) bytes is too short for the 8-byte header length") }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(maximumHeader) else { throw fail("header length \(headerLength) is too large") }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= data.count else {
            throw fail("header length \(headerLength) runs past the end of the \(data.count)-byte file")
        }
        let headerBytes = data.subdata(in: 8..<headerEnd)
        guard headerBytes.first == UInt8(ascii: "{") else { throw fail("the header does not start with '{'") }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: headerBytes) } catch {
            throw fail("the header is not valid JSON")
        }
        guard let header = json as? [String: Any] else { throw fail("the header is not a JSON object") }
        let dataSize = data.count - headerEnd
        var metadata: [String: String] = [:]
        var entries: [(name: String, dtype: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (key, item) in map {
                    guard let text = item as? String else { throw fail("__metadata__ value for \"\(key)\" is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let info = value as? [String: Any] else { throw fail("entry \"\(name)\" is not an object") }
            guard let dtype = info["dtype"] as? String else { throw fail("entry \"\(name)\" has no dtype string") }
            guard let shapeList = info["shape"] as? [Any], let shape = integers(shapeList), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("entry \"\(name)\" has no valid shape (a list of non-negative integers)")
            }
            guard let offsetList = info["data_offsets"] as? [Any], let offsets = integers(offsetList), offsets.count == 2 else {
                throw fail("entry \"\(name)\" has no valid data_offsets (two integers)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail("entry \"\(name)\" has data_offsets [\(begin), \(end)] outside the \(dataSize)-byte data section")
            }
            guard let elementSize = elementSize(dtype) else {
                throw fail("entry \"\(name)\" has unsupported dtype \(dtype) (expected F32, I32, I64 or BOOL)")
            }
            guard (try? Shape.validate(shape)) != nil, Shape.count(shape) * elementSize == end - begin else {
                throw fail("entry \"\(name)\" of dtype \(dtype) and shape \(shape) needs \(Shape.count(shape) * elementSize) bytes, data_offsets give \(end - begin)")
            }
            entries.append((name, dtype, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        for (previous, next) in zip(entries, entries.dropFirst()) where next.begin < previous.end {
            throw fail("entries \"\(previous.name)\" and \"\(next.name)\" overlap")
        }
        var tensors: [(String, Tensor)] = []
        for entry in entries {
            let tensor = try data.withUnsafeBytes { raw -> Tensor in
                let source = raw.baseAddress.unsafelyUnwrapped.advanced(by: headerEnd + entry.begin)
                return try makeTensor(entry.dtype, entry.shape, source, name: entry.name, fail: fail)
            }
            tensors.append((entry.name, tensor))
        }
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }

    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F32", "I32": return 4
        case "I64": return 8
        case "BOOL": return 1
        default: return nil
        }
    }

    /// JSON numbers that are exact integers (fractions refused).
    static func integers(_ list: [Any]) -> [Int]? {
        var result: [Int] = []
        for item in list {
            guard let number = item as? NSNumber else { return nil }
            let value = number.doubleValue
            guard value.rounded() == value, Swift.abs(value) < 0x1p53 else { return nil }
            result.append(Int(value))
        }
        return result
    }

    static func makeTensor(_ dtype: String, _ shape: [Int], _ source: UnsafeRawPointer, name: String,
                           fail: (String) -> TensorError) throws -> Tensor {
        let count = Shape.count(shape)
        switch dtype {
        case "F32", "I32":
            let tensor = try Tensor(shape: shape, dtype: dtype == "F32" ? .float32 : .int32, zeroed: false)
            tensor.storage.base.copyMemory(from: source, byteCount: count * 4)
            return tensor
        case "BOOL":
            let tensor = try Tensor(shape: shape, dtype: .bool, zeroed: false)
            let bytes = source.assumingMemoryBound(to: UInt8.self), out = tensor.pointer(as: UInt8.self)
            for i in 0..<count {
                guard bytes[i] <= 1 else { throw fail("BOOL entry \"\(name)\" holds byte \(bytes[i]) at element \(i)") }
                out[i] = bytes[i]
            }
            return tensor
        default:
            let tensor = try Tensor(shape: shape, dtype: .int32, zeroed: false)
            let out = tensor.pointer(as: Int32.self)
            for i in 0..<count {
                let value = Int64(littleEndian: source.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
                guard let small = Int32(exactly: value) else {
                    throw fail("I64 entry \"\(name)\" holds \(value) at element \(i), which does not fit in int32")
                }
                out[i] = small
            }
            return tensor
        }
    }
}
