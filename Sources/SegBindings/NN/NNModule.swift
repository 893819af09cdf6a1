import SegScript

extension Bindings {
    /// Registers the `nn` module: layers, losses, optimizers and schedules.
    static func registerNNModule(into registry: Registry) {}
}
