import Foundation
import SegNN
import SegTensor

/// How a layer was constructed, so a stored or saved layer can be rebuilt before its weights
/// are loaded back (weights alone do not say which architecture they belong to).
indirect enum LayerSpec: Codable, Equatable {
    case conv2d(cin: Int, cout: Int, kernel: Int, stride: Int, padding: Int, bias: Bool)
    case convTranspose2d(cin: Int, cout: Int, kernel: Int, stride: Int)
    /// `sync` is nil rather than false when off, so that descriptions stored before it existed
    /// read back and unsynchronised layers describe themselves as before.
    case batchnorm2d(channels: Int, sync: Bool?)
    case relu
    case maxpool2d(kernel: Int)
    case dropout(p: Double)
    case upsample(scale: Int, mode: String)
    case sequential([LayerSpec])
    case unet(inChannels: Int, classes: Int, base: Int, depth: Int, batchnorm: Bool, up: String, syncBN: Bool?)

    /// Builds a freshly initialised module; weights come from `stream`.
    func build(stream: RandomStream) throws -> Module {
        switch self {
        case let .conv2d(cin, cout, k, s, p, bias):
            return try Conv2d(cin, cout, kernel: k, stride: s, padding: p, bias: bias, stream: stream)
        case let .convTranspose2d(cin, cout, k, s):
            return try ConvTranspose2d(cin, cout, kernel: k, stride: s, stream: stream)
        case let .batchnorm2d(c, sync):
            let batchNorm = try BatchNorm2d(c)
            batchNorm.synchronised = sync ?? false
            return batchNorm
        case .relu: return ReLU()
        case let .maxpool2d(k): return try MaxPool2d(k)
        case let .dropout(p):
            guard (0..<1).contains(p) else { throw TensorError("dropout(p: \(p)): p must be in [0, 1)") }
            return try Dropout(Float(p), stream: stream.split(key: "dropout"))
        case let .upsample(scale, mode):
            guard let m = UpsampleMode(rawValue: mode) else { throw TensorError("upsample mode must be \"bilinear\" or \"nearest\", not \"\(mode)\"") }
            return try Upsample(scale: scale, mode: m)
        case let .sequential(specs): return Sequential(try specs.map { try $0.build(stream: stream) })
        case let .unet(cin, classes, base, depth, bn, up, syncBN):
            guard let m = UpMode(rawValue: up) else { throw TensorError("unet up must be \"transpose\" or \"bilinear\", not \"\(up)\"") }
            let unet = try UNet(inChannels: cin, classes: classes, base: base, depth: depth, batchnorm: bn, up: m, stream: stream)
            if syncBN == true { unet.synchroniseBatchNorm() }
            return unet
        }
    }

    /// The spec as JSON text (stored in safetensors metadata and in the notebook cache).
    func json() throws -> String { String(decoding: try JSONEncoder.stored.encode(self), as: UTF8.self) }

    /// Parses `json()` output.
    static func parse(_ text: String) throws -> LayerSpec {
        do { return try JSONDecoder().decode(LayerSpec.self, from: Data(text.utf8)) } catch {
            throw TensorError("not a valid layer description: \(error.localizedDescription)")
        }
    }
}
