import SegScript
import SegTensor

/// A Tensor method that maps the receiver to a new tensor.
private func method(_ name: String, _ params: [Param] = [], doc: String, _ body: @escaping (Tensor, Arguments) throws -> Tensor) -> Builtin {
    Builtin(name, params, doc: doc) { a in .tensor(try body(try a.receiverTensor(), a)) }
}

extension Arguments {
    /// The i-th value as a tensor operand: a Tensor, a number (int32 for Ints) or a nested list.
    func operand(_ i: Int) throws -> Tensor {
        if let t = TensorObject.operand(self[i]) { return t }
        return try tensor(i)
    }
}

/// Conversions, counts and rearrangements that NumPy and PyTorch users reach for first.
let tensorAddedMethods: [Builtin] = [
    method("float", doc: "The values as float32 (the same as .astype(\"float32\")).") { t, _ in try t.astype(.float32) },
    method("int", doc: "The values as int32, truncated toward zero (the same as .astype(\"int32\")).") { t, _ in try t.astype(.int32) },
    method("bool", doc: "Whether each value is nonzero (the same as .astype(\"bool\")).") { t, _ in try t.astype(.bool) },
    Builtin("numel", doc: "The number of elements (the same as .count).") { a in .int(try a.receiverTensor().count) },
    method("pow", [Param("p")], doc: "Elementwise power by p (a number or a tensor), as **.") { t, a in try t.pow(try a.operand(0)) },
    method("floor", doc: "Rounds down, elementwise.") { t, _ in try t.floor() },
    method("ceil", doc: "Rounds up, elementwise.") { t, _ in try t.ceil() },
    method("round", doc: "Rounds half to even, elementwise (as np.round).") { t, _ in try t.round() },
    method("sign", doc: "-1, 0 or 1 by the sign of each element.") { t, _ in try t.sign() },
    method("sin", doc: "Elementwise sine.") { t, _ in try t.sin() },
    method("cos", doc: "Elementwise cosine.") { t, _ in try t.cos() },
    method("isnan", doc: "A bool tensor: whether each element is NaN.") { t, _ in try t.isnan() },
    method("isfinite", doc: "A bool tensor: whether each element is neither infinite nor NaN.") { t, _ in try t.isfinite() },
    method("nan_to_num", [Param("v", .float(0))], doc: "NaN replaced by v, infinities by the largest finite float32 (as np.nan_to_num).") { t, a in
        try t.nanToNum(try a.double(0))
    },
    method("cumsum", [Param("axis")], doc: "Running sums along axis (bool and int32 give int32).") { t, a in try t.cumsum(axis: try a.int(0)) },
    method("sort", [Param("axis", .int(-1)), Param("descending", .bool(false))], doc: "The values sorted along axis (stable).") { t, a in
        try t.sorted(axis: try a.int(0), descending: a.bool(1)).values
    },
    method("argsort", [Param("axis", .int(-1)), Param("descending", .bool(false))], doc: "The int32 positions that sort the tensor along axis (stable).") { t, a in
        try t.sorted(axis: try a.int(0), descending: a.bool(1)).indices
    },
    Builtin("topk", [Param("k"), Param("axis", .int(-1))], doc: "The k largest values along axis, descending: a dict {values, indices}.") { a in
        let (values, indices) = try a.receiverTensor().topk(try a.int(0), axis: try a.int(1))
        return .dict([("values", .tensor(values)), ("indices", .tensor(indices))])
    },
    method("flip", [Param("axes", variadic: true)], doc: "Reverses the order along the given axes: t.flip(0), t.flip([1, 2]).") { t, a in
        try t.flip(try a.shapeList(0))
    },
    method("roll", [Param("shift"), .optional("axis")], doc: "Shifts elements by shift along axis, wrapping around (the flattened tensor without axis).") { t, a in
        try t.roll(try a.int(0), axis: try a.optionalInt(1))
    },
    method("repeat", [Param("counts", variadic: true)], doc: "Tiles the tensor counts[i] times along axis i, as torch.Tensor.repeat.") { t, a in
        try t.repeated(try a.shapeList(0))
    },
    method("expand", [Param("shape", variadic: true)], doc: "A broadcast view with the given shape (-1 keeps an axis), as torch.Tensor.expand.") { t, a in
        try t.expand(try a.shapeList(0))
    },
]

/// Global functions that make or combine tensors, beside `tensorFunctions`.
let tensorAddedFunctions: [Builtin] = [
    Builtin("maximum", [Param("a"), Param("b")], doc: "Elementwise maximum of two tensors or numbers, broadcasting (np.maximum).") { a in
        .tensor(try a.operand(0).maximum(try a.operand(1)))
    },
    Builtin("minimum", [Param("a"), Param("b")], doc: "Elementwise minimum of two tensors or numbers, broadcasting (np.minimum).") { a in
        .tensor(try a.operand(0).minimum(try a.operand(1)))
    },
    Builtin("pad", [Param("t"), Param("widths"), Param("value", .float(0))], doc: "Pads with value; widths as torch.nn.functional.pad: last axis first, [left, right, top, bottom, ...].") { a in
        .tensor(try a.operand(0).padded(try a.ints(1), value: try a.double(2)))
    },
    Builtin("meshgrid", [Param("a"), Param("b"), Param("indexing", .string("xy"))], doc: "Coordinate grids from two 1-d tensors, as np.meshgrid: [A, B] of shape [len(b), len(a)] (indexing: \"ij\" gives [len(a), len(b)]).") { a in
        let x = try a.operand(0).flatten(), y = try a.operand(1).flatten()
        let m = x.count, n = y.count
        switch try a.string(2) {
        case "xy":
            return .list([.tensor(try x.reshape([1, m]).expand(to: [n, m]).contiguous()), .tensor(try y.reshape([n, 1]).expand(to: [n, m]).contiguous())])
        case "ij":
            return .list([.tensor(try x.reshape([m, 1]).expand(to: [m, n]).contiguous()), .tensor(try y.reshape([1, n]).expand(to: [m, n]).contiguous())])
        case let other: throw ScriptError("meshgrid(): indexing must be \"xy\" or \"ij\", not \"\(other)\"")
        }
    },
    Builtin("one_hot", [Param("labels"), Param("classes")], doc: "An int32 [..., classes] tensor with a 1 at each label, as torch.nn.functional.one_hot.") { a in
        .tensor(try a.operand(0).oneHot(classes: try a.int(1)))
    },
    Builtin("bincount", [Param("t"), Param("minlength", .int(0))], doc: "How often each value 0, 1, ... occurs in a 1-d int32 tensor (int32, at least minlength long), as np.bincount.") { a in
        .tensor(try a.operand(0).bincount(minlength: try a.int(1)))
    },
    Builtin("unique", [Param("t"), Param("counts", .bool(false))], doc: "The sorted distinct elements; with counts: true a dict {values, counts}, as np.unique.") { a in
        let (values, counts) = try a.operand(0).unique()
        guard a.bool(1) else { return .tensor(values) }
        return .dict([("values", .tensor(values)), ("counts", .tensor(counts))])
    },
]
