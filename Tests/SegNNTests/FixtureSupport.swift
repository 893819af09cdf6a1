import Foundation
import XCTest
import SegTensor

/// Reads the committed safetensors fixtures (F32, I32, I64 narrowed to int32) without depending
/// on SegTensor's reader, so these tests pin the file format on their own.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct ReadError: Error, CustomStringConvertible { let description: String }

    static func load(_ relativePath: String) throws -> [String: Tensor] {
        try read(directory.appendingPathComponent(relativePath))
    }

    static func read(_ url: URL) throws -> [String: Tensor] {
        let data = try Data(contentsOf: url)
        guard data.count >= 8 else { throw ReadError(description: "\(url.path): too short") }
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let headerEnd = 8 + Int(headerLength)
        guard let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd)) as? [String: Any] else {
            throw ReadError(description: "\(url.path): bad header")
        }
        var result: [String: Tensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw ReadError(description: "\(url.path): bad entry \(name)")
            }
            let bytes = data.subdata(in: (headerEnd + offsets[0])..<(headerEnd + offsets[1]))
            switch dtype {
            case "F32":
                let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
                result[name] = try Tensor(values, shape: shape)
            case "I32":
                let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
                result[name] = try Tensor(int32: values, shape: shape)
            case "I64":
                let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)).map { Int32(truncatingIfNeeded: $0) } }
                result[name] = try Tensor(int32: values, shape: shape)
            default:
                throw ReadError(description: "\(url.path): unsupported dtype \(dtype) for \(name)")
            }
        }
        return result
    }
}

func floats(_ t: Tensor) throws -> [Float] {
    let c = try t.contiguous()
    return Array(UnsafeBufferPointer(start: c.pointer(as: Float.self), count: c.count))
}

/// max |a - b| / max(max |b|, tiny): the relative error used against PyTorch's values.
func relativeError(_ a: Tensor, _ b: Tensor) throws -> Float {
    let x = try floats(a), y = try floats(b)
    guard x.count == y.count else { return .infinity }
    var diff: Float = 0, scale: Float = 1e-12
    for i in 0..<x.count {
        diff = max(diff, abs(x[i] - y[i]))
        scale = max(scale, abs(y[i]))
    }
    return diff / scale
}

func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Float, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(a.shape, b.shape, message, file: file, line: line)
    let error = try relativeError(a, b)
    XCTAssertLessThanOrEqual(error, tolerance, "\(message): relative error \(error)", file: file, line: line)
}
