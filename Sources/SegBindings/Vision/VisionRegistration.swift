import SegScript

extension Bindings {
    /// Registers the vision-side modules: image, camvid, metrics, plot and the display functions.
    static func registerVisionModules(into registry: Registry) {
        registerImageModule(into: registry)
        registerImageAdjustments(into: registry)
        registerCamVidModule(into: registry)
        registerMetricsModule(into: registry)
        registerDisplayModule(into: registry)
    }
}
