import Foundation
import SegNN
import SegTensor

/// The layers alive in this process, by id (weakly held; the most recently made or restored
/// layer wins an id). Optimizers use it to name their parameters as "layer id + index" when
/// stored, and to find the restored layer again when restored.
enum LiveLayers {
    private final class Weak {
        weak var layer: LayerObject?
        init(_ layer: LayerObject) { self.layer = layer }
    }

    nonisolated(unsafe) private static var table: [String: Weak] = [:]
    private static let lock = NSLock()

    /// A new unique id.
    static func freshID() -> String { UUID().uuidString }

    /// Registers `layer` under its id, dropping entries whose layer is gone.
    static func add(_ layer: LayerObject) {
        lock.lock()
        defer { lock.unlock() }
        if table.count > 64 { table = table.filter { $0.value.layer != nil } }
        table[layer.id] = Weak(layer)
    }

    /// The live layer with `id`.
    static func layer(_ id: String) -> LayerObject? {
        lock.lock()
        defer { lock.unlock() }
        return table[id]?.layer
    }

    /// The smallest live layer whose parameters include all of `parameters` (by identity), with
    /// each parameter's index in that layer's `parameters()`.
    static func owner(of parameters: [Tensor]) -> (LayerObject, [Int])? {
        lock.lock()
        let layers = table.values.compactMap(\.layer)
        lock.unlock()
        var best: (LayerObject, [Int], Int)?
        for l in layers {
            let own = l.module.parameters()
            var position: [ObjectIdentifier: Int] = [:]
            for (i, t) in own.enumerated() { position[ObjectIdentifier(t)] = i }
            let indices = parameters.compactMap { position[ObjectIdentifier($0)] }
            guard indices.count == parameters.count else { continue }
            if best == nil || own.count < (best?.2 ?? Int.max) { best = (l, indices, own.count) }
        }
        return best.map { ($0.0, $0.1) }
    }
}
