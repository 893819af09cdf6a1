import Foundation
import SegTensor

/// Saving and loading a module's weights as safetensors with PyTorch's names and layouts, so the
/// same file loads into the equivalent torch.nn module with load_state_dict(strict=True).
extension Module {
    /// Writes every parameter and buffer to `path` (atomically), integer buffers as I64 and with
    /// safetensors.torch's `format: pt` metadata, as torch's own state dict would be saved.
    public func save(_ path: String) throws {
        try Safetensors.write(stateDict().map { ($0.name, $0.tensor) }, to: path, metadata: ["format": "pt"], integersAsInt64: true)
    }

    /// Reads the weights at `path` into this module; strict (see `load(stateDict:)`).
    public func load(_ path: String) throws {
        let entries = try Safetensors.read(path)
        var dictionary: [String: Tensor] = [:]
        for (name, tensor) in entries { dictionary[name] = tensor }
        try load(stateDict: dictionary, source: path)
    }
}
