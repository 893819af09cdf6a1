import Foundation
import SegTensor

/// A state dict that does not fit a module: every missing, unexpected and mis-shaped key.
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    /// Keys the module has that the state dict lacks.
    public let missing: [String]
    /// Keys in the state dict the module does not have.
    public let unexpected: [String]
    /// Keys present in both whose shape or dtype differ, with a description of each.
    public let mismatched: [String]
    /// Where the state dict came from (a file path), if known.
    public let source: String?

    public var description: String {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing keys: " + missing.joined(separator: ", ")) }
        if !unexpected.isEmpty { parts.append("unexpected keys: " + unexpected.joined(separator: ", ")) }
        if !mismatched.isEmpty { parts.append("mismatched: " + mismatched.joined(separator: "; ")) }
        let origin = source.map { " from \($0)" } ?? ""
        return "cannot load weights\(origin): " + parts.joined(separator: "; ")
    }
}

extension Module {
    /// Copies `entries` into this module's parameters and buffers. Strict: any missing,
    /// unexpected or mis-shaped key is an error listing all of them, and nothing is written.
    /// Integer buffers accept int32 values (files store them as I64; the reader narrows them).
    public func load(stateDict entries: [String: Tensor], source: String? = nil) throws {
        let own = stateDict()
        let ownNames = Set(own.map(\.name))
        var missing: [String] = [], mismatched: [String] = []
        for (name, tensor) in own {
            guard let incoming = entries[name] else { missing.append(name); continue }
            if incoming.shape != tensor.shape {
                mismatched.append("\(name) has shape \(incoming.shape), expected \(tensor.shape)")
            } else if incoming.dtype != tensor.dtype {
                mismatched.append("\(name) has dtype \(incoming.dtype), expected \(tensor.dtype)")
            }
        }
        let unexpected = entries.keys.filter { !ownNames.contains($0) }.sorted()
        guard missing.isEmpty, unexpected.isEmpty, mismatched.isEmpty else {
            throw StateDictError(missing: missing, unexpected: unexpected, mismatched: mismatched, source: source)
        }
        for (name, tensor) in own {
            guard let incoming = entries[name] else { continue }
            let values = try incoming.contiguous()
            guard tensor.isContiguous else { throw TensorError("internal: parameter \(name) is not contiguous") }
            memcpy(tensor.pointer(as: UInt8.self), values.pointer(as: UInt8.self), tensor.count * tensor.dtype.byteSize)
            tensor.storage.markMutated()
        }
    }
}
