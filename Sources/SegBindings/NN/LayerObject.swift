import Foundation
import SegNN
import SegScript
import SegTensor

/// A SegNN module as a Seg value (`type(x) == "Layer"`): callable, with `.param_count`; its
/// methods (`parameters train eval save load`) are registered in the `nn` bindings.
public final class LayerObject: ScriptObject {
    /// The wrapped module; its parameter tensors are shared with optimizers.
    public let module: Module
    /// How it was built, for storing and `nn.load`.
    let spec: LayerSpec
    /// The layers an `nn.sequential` was made of: their weights are its weights, so it is stored
    /// as references to them and restored around the restored layers.
    let sublayers: [LayerObject]

    init(_ module: Module, spec: LayerSpec, sublayers: [LayerObject] = []) {
        self.module = module
        self.spec = spec
        self.sublayers = sublayers
    }

    /// "Layer".
    public var typeName: String { "Layer" }

    /// Changes whenever a weight or buffer is written (optimizer step, batch-norm statistics, load).
    public var version: Int { module.version }

    /// `.param_count`, `.training`, `.kind`.
    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "param_count": return .int(module.parameterCount)
        case "training": return .bool(module.isTraining)
        case "kind": return .string(module.typeName)
        default: return nil
        }
    }

    /// `layer(x)`.
    public func call(_ arguments: [Value], keywords: [(String, Value)], _ interpreter: Interpreter) throws -> Value? {
        guard arguments.count == 1, keywords.isEmpty else {
            throw ScriptError("a \(module.typeName) layer takes one tensor argument, got \(arguments.count)")
        }
        guard let x = arguments[0].asTensor ?? TensorObject.operand(arguments[0]) else {
            throw ScriptError("a \(module.typeName) layer takes a Tensor, not \(arguments[0].typeName)")
        }
        return .tensor(try module(x))
    }

    /// `Conv2d(3, 16, ...)  (448 parameters)`.
    public func display(full: Bool) -> String {
        "<Layer \(module.typeName), \(module.parameterCount) parameters\(module.isTraining ? "" : ", eval")>"
    }

    /// The parameter tensors, in `parameters()` order (a rebuilt layer has the same order), so
    /// an optimizer stored with the layer, or after it, restores onto the restored tensors.
    public var sharedParts: [Value] { module.parameters().map { .tensor($0) } }

    /// Constructor description plus state dict, under tag "layer".
    public func encode() throws -> EncodedObject? {
        var out = ByteWriter<[UInt8]>()
        out.string(try spec.json())
        out.bool(module.isTraining)
        // A sequential's weights live in its sublayers, stored (once) as references.
        try TensorCodec.write(stateDict: sublayers.isEmpty ? module.stateDict() : [], to: &out)
        return EncodedObject(tag: LayerCodec.tag, bytes: out.bytes, references: sublayers.map { .object($0) })
    }

    /// The parameters as Seg tensors: the very tensors the module computes with.
    var parameterValues: Value { .list(module.parameters().map { .tensor($0) }) }

    /// Writes the weights as safetensors (PyTorch names) with the layer description in metadata.
    func save(_ path: String) throws {
        let state = module.stateDict().map { ($0.name, $0.tensor) }
        try Safetensors.write(state, to: path, metadata: ["format": "pt", LayerCodec.metadataKey: try spec.json()], integersAsInt64: true)
    }

    /// Rebuilds a layer saved by `save` (or from `spec` and a weights file).
    static func load(_ path: String) throws -> LayerObject {
        let file = try Safetensors.readFile(path)
        guard let json = file.metadata[LayerCodec.metadataKey] else {
            throw ScriptError("\(path) holds weights but no layer description; build the layer and call layer.load(\"\(path)\")")
        }
        let spec = try LayerSpec.parse(json)
        let module = try spec.build(stream: RandomStream(seed: 0))
        var dict: [String: Tensor] = [:]
        for (k, t) in file.tensors { dict[k] = t }
        try module.load(stateDict: dict, source: path)
        return LayerObject(module, spec: spec)
    }
}

/// The byte form of a stored layer.
enum LayerCodec {
    static let tag = "layer"
    static let metadataKey = "segnb.layer"

    /// Restores a layer; `references` are the restored sublayers of a sequential.
    static func decode(_ bytes: [UInt8], _ references: [Value] = []) throws -> LayerObject {
        var reader = ByteReader(bytes, what: "layer")
        let spec = try LayerSpec.parse(try reader.string())
        let training = try reader.bool()
        let dict = try TensorCodec.readStateDict(from: &reader)
        guard reader.isAtEnd else { throw reader.corrupt("trailing bytes") }
        if !references.isEmpty {
            let sublayers = try references.map { v -> LayerObject in
                guard let l = v.asObject as? LayerObject else { throw ScriptError("stored sequential refers to a \(v.typeName), not a Layer") }
                return l
            }
            guard case .sequential(let specs) = spec, specs == sublayers.map(\.spec) else {
                throw ScriptError("stored sequential does not match its layers")
            }
            let module = Sequential(sublayers.map(\.module))
            // Only the sequential's own mode was stored; its layers keep the modes they restored with.
            if !training {
                let modes = sublayers.map(\.module.isTraining)
                module.eval()
                for (layer, on) in zip(sublayers, modes) where on { layer.module.train() }
            }
            return LayerObject(module, spec: spec, sublayers: sublayers)
        }
        let module = try spec.build(stream: RandomStream(seed: 0))
        try module.load(stateDict: dict, source: "stored layer")
        module.train(training)
        return LayerObject(module, spec: spec)
    }
}
