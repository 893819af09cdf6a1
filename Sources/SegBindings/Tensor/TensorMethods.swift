import SegScript
import SegTensor

/// A Tensor method that maps the receiver to a new tensor.
private func method(_ name: String, _ params: [Param] = [], doc: String, _ body: @escaping (Tensor, Arguments) throws -> Tensor) -> Builtin {
    Builtin(name, params, doc: doc) { a in .tensor(try body(try a.receiverTensor(), a)) }
}

/// A reduction with `axis:` (Int or list) and `keepdims:`.
private func reduction(_ name: String, doc: String, _ body: @escaping (Tensor, [Int]?, Bool) throws -> Tensor) -> Builtin {
    method(name, [.optional("axis"), Param("keepdims", .bool(false))], doc: doc) { t, a in
        try body(t, try a.axes(0), a.bool(1))
    }
}

/// One axis for argmax/argmin: an Int, a one-element list, or nil.
private func singleAxis(_ a: Arguments, _ i: Int) throws -> Int? {
    guard let axes = try a.axes(i) else { return nil }
    guard axes.count == 1 else { throw ScriptError("\(a.builtin.name)(): takes a single axis, not \(axes)") }
    return axes[0]
}

/// Shape changes, conversions, reading and autograd.
let tensorShapeMethods: [Builtin] = [
    method("reshape", [Param("shape", variadic: true)], doc: "The same elements with a new shape (one -1 is inferred).") { t, a in try t.reshape(try a.shapeList(0)) },
    method("permute", [Param("axes", variadic: true)], doc: "Reorders the axes.") { t, a in try t.permute(try a.shapeList(0)) },
    method("transpose", [.optional("a"), .optional("b")], doc: "Swaps axes a and b (all axes reversed when omitted).") { t, a in
        guard let x = try a.optionalInt(0) else { return try t.transposed() }
        guard let y = try a.optionalInt(1) else { throw ScriptError("transpose(): give two axes, or none") }
        return try t.transpose(x, y)
    },
    method("squeeze", [.optional("axis")], doc: "Removes size-1 axes (only `axis` when given).") { t, a in try t.squeeze(try a.optionalInt(0)) },
    method("unsqueeze", [Param("axis")], doc: "Inserts a size-1 axis at `axis`.") { t, a in try t.unsqueeze(try a.int(0)) },
    method("flatten", doc: "The elements as a 1-d tensor.") { t, _ in try t.flatten() },
    method("copy", doc: "A copy with its own storage.") { t, _ in try t.copy() },
    method("astype", [Param("dtype")], doc: "Converts to float32, int32 or bool.") { t, a in try t.astype(try DType(name: try a.string(0))) },
    method("detach", doc: "The same values cut from the autograd graph.") { t, _ in t.detach() },
    Builtin("item", doc: "The single element: Int for int32, Float for float32, Bool for bool.") { a in
        switch try a.receiverTensor().item() {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        }
    },
    Builtin("tolist", doc: "The elements as nested Lists.") { a in value(of: try a.receiverTensor().tolist()) },
    Builtin("backward", [.optional("gradient")], doc: "Accumulates gradients of this tensor into the .grad of every leaf that requires grad.") { a in
        let t = try a.receiverTensor()
        let g: Tensor? = a[0].asTensor
        try t.backward(gradient: g)
        return .null
    },
]

/// Elementwise math and reductions.
let tensorMathMethods: [Builtin] = [
    method("exp", doc: "Elementwise e**x.") { t, _ in try t.exp() },
    method("log", doc: "Elementwise natural logarithm.") { t, _ in try t.log() },
    method("sqrt", doc: "Elementwise square root.") { t, _ in try t.sqrt() },
    method("abs", doc: "Elementwise absolute value.") { t, _ in try t.abs() },
    method("relu", doc: "Elementwise max(x, 0).") { t, _ in try t.relu() },
    method("sigmoid", doc: "Elementwise 1 / (1 + e**-x).") { t, _ in try t.sigmoid() },
    method("tanh", doc: "Elementwise hyperbolic tangent.") { t, _ in try t.tanh() },
    method("clamp", [.optional("lo"), .optional("hi")], doc: "Limits values to [lo, hi] (either may be nil).") { t, a in
        try t.clamp(min: try a.optionalDouble(0), max: try a.optionalDouble(1))
    },
    method("softmax", [Param("axis", .int(-1))], doc: "Softmax along `axis`.") { t, a in try t.softmax(axis: try a.int(0)) },
    method("log_softmax", [Param("axis", .int(-1))], doc: "Log-softmax along `axis`.") { t, a in try t.logSoftmax(axis: try a.int(0)) },
    reduction("sum", doc: "Sum over `axis` (all axes by default); bool tensors count as int32.") { t, ax, k in try t.sum(axes: ax, keepdims: k) },
    reduction("mean", doc: "Mean over `axis` (all axes by default).") { t, ax, k in try t.mean(axes: ax, keepdims: k) },
    reduction("max", doc: "Maximum over `axis` (all axes by default).") { t, ax, k in try t.max(axes: ax, keepdims: k) },
    reduction("min", doc: "Minimum over `axis` (all axes by default).") { t, ax, k in try t.min(axes: ax, keepdims: k) },
    reduction("std", doc: "Population standard deviation over `axis`.") { t, ax, k in try t.std(axes: ax, keepdims: k) },
    reduction("var", doc: "Population variance over `axis`.") { t, ax, k in try t.variance(axes: ax, keepdims: k) },
    reduction("any", doc: "Whether any element is true (nonzero) over `axis`.") { t, ax, k in try t.any(axes: ax, keepdims: k) },
    reduction("all", doc: "Whether every element is true (nonzero) over `axis`.") { t, ax, k in try t.all(axes: ax, keepdims: k) },
    method("argmax", [.optional("axis"), Param("keepdims", .bool(false))], doc: "Index (int32) of the maximum, over the flattened tensor or along `axis`.") { t, a in
        try t.argmax(axis: try singleAxis(a, 0), keepdims: a.bool(1))
    },
    method("argmin", [.optional("axis"), Param("keepdims", .bool(false))], doc: "Index (int32) of the minimum, over the flattened tensor or along `axis`.") { t, a in
        try t.argmin(axis: try singleAxis(a, 0), keepdims: a.bool(1))
    },
]
