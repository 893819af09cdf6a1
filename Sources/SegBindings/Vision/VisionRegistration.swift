import SegScript

// Placeholder: the vision bindings (image, camvid, metrics, plot, display) replace this file.
extension Bindings {
    /// Registers the vision-side modules.
    static func registerVisionModules(into registry: Registry) {}
}
