import SegScript

extension Bindings {
    /// Registers the global tensor functions, Tensor methods and the tensor decoder.
    static func registerTensorModule(into registry: Registry) {}
}
