import SegScript

/// The documented properties of every bound type: what `help`, completion and the language
/// reference show. Each object's `getMember` gives the values; `PropertyTableTests` checks that
/// every entry here is readable.
extension Bindings {
    static func registerProperties(into registry: Registry) {
        registry.register(propertiesOf: "Tensor", [
            Property("shape", "The size of each axis, a List of Ints."),
            Property("ndim", "The number of axes."),
            Property("dtype", "The element type: \"float32\", \"int32\" or \"bool\"."),
            Property("count", "The number of elements (also .numel())."),
            Property("T", "The tensor with its axes reversed (a view)."),
            Property("requires_grad", "Whether gradients flow to this tensor.", settable: true),
            Property("grad", "The gradient accumulated by backward(), or nil (settable to nil).", settable: true),
        ])
        registry.register(propertiesOf: "Layer", [
            Property("param_count", "The number of trainable parameters."),
            Property("training", "Whether the layer is in training mode (train()) or eval mode (eval())."),
            Property("kind", "The layer's kind, e.g. \"UNet\" or \"Conv2d\"."),
        ])
        registry.register(propertiesOf: "Optimizer", [
            Property("lr", "The learning rate.", settable: true),
            Property("steps", "How many steps it has taken."),
        ])
        registry.register(propertiesOf: "Schedule", [
            Property("lr", "The learning rate the schedule gives now."),
            Property("steps", "How many steps it has taken."),
        ])
        registry.register(propertiesOf: "Dataset", [
            Property("classes", "The class names, in label order."),
            Property("palette", "One [r, g, b] colour per class, in label order."),
            Property("void", "The label ignored by losses and metrics."),
            Property("names", "The file names of the frames, in order."),
            Property("root", "The folder the dataset was loaded from."),
            Property("split", "The split: \"train\", \"val\" or \"test\"."),
            Property("antialias", "Whether frames are resized with an antialiasing filter."),
        ])
        registry.register(propertiesOf: "Loader", [
            Property("batch", "Frames per batch."),
            Property("dataset", "The dataset it draws from."),
        ])
        registry.register(propertiesOf: "Confusion", [
            Property("matrix", "The int32 confusion matrix: rows are the true class, columns the prediction."),
            Property("pixel_accuracy", "Correct pixels over all counted (non-void) pixels."),
            Property("class_accuracy", "Per class: correct over true pixels of that class (nil when the class never occurs)."),
            Property("mean_class_accuracy", "The mean of class_accuracy over the classes that occur."),
            Property("iou", "Per class: intersection over union (nil when absent from prediction and target)."),
            Property("miou", "The mean of iou over the classes that have one."),
            Property("fw_iou", "IoU weighted by each class's share of target pixels."),
            Property("classes", "The class names."),
        ])
        registry.register(propertiesOf: "Table", [
            Property("columns", "The column names."),
            Property("rows", "The rows, as dicts from column name to value."),
            Property("title", "The title, or nil."),
        ])
    }
}
