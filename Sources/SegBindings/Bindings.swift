import SegScript

/// Registers every native module of the language (tensor, nn, and the vision side: image,
/// camvid, metrics, plot, display, dist) into a SegScript registry.
public enum Bindings {
    /// Adds all bound modules, methods and decoders to `registry`.
    public static func register(into registry: Registry) {
        registerTensorModule(into: registry)
        registerNNModule(into: registry)
        registerVisionModules(into: registry)
        registerDistModule(into: registry)
        registerProperties(into: registry)
    }

    /// A registry holding the core library and every bound module.
    public static func makeRegistry() -> Registry {
        let r = Registry.withCore()
        register(into: r)
        return r
    }
}
