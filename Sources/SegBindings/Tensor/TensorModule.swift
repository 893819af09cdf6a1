import SegScript
import SegTensor

extension Bindings {
    /// Registers the global tensor functions, Tensor methods and the tensor decoder.
    static func registerTensorModule(into registry: Registry) {
        registry.register(builtins: tensorFunctions + tensorAddedFunctions)
        registry.register(methodsOf: "Tensor", builtins: tensorShapeMethods + tensorMathMethods + tensorAddedMethods)
        registry.register(decoder: TensorCodec.tag) { bytes, references in
            let tensor = try TensorCodec.decode(bytes)
            if let legend = references.first { try PictureLegends.restore(legend, to: tensor) }
            return .tensor(tensor)
        }
    }
}

extension Arguments {
    /// The i-th value as a dtype name, nil when it is `nil`.
    func optionalDType(_ i: Int) throws -> DType? {
        guard let name = try optionalString(i) else { return nil }
        return try DType(name: name)
    }

    /// The i-th value as an axis list: an Int, a list of Ints, or nil for every axis.
    func axes(_ i: Int) throws -> [Int]? {
        if case .null = self[i] { return nil }
        return try ints(i)
    }

    /// A fresh SegTensor random stream drawn from the interpreter's seeded stream, so a cell that
    /// seeds (or is reseeded by the notebook) always draws the same tensors.
    func tensorRandomStream() -> RandomStream {
        RandomStream(seed: interpreter.random.next())
    }

    /// A shape given either as one list or as several Ints (`reshape([2, 3])`, `reshape(2, 3)`).
    func shapeList(_ i: Int) throws -> [Int] {
        let items = try list(i).items
        if items.count == 1, case .list(let inner) = items[0] {
            return try inner.items.map { v in
                guard case .int(let n) = v else { throw ScriptError("\(builtin.name)(): shape entries must be Ints, not \(v.typeName)") }
                return n
            }
        }
        return try items.map { v in
            guard case .int(let n) = v else { throw ScriptError("\(builtin.name)(): shape entries must be Ints, not \(v.typeName)") }
            return n
        }
    }

    /// The i-th value as a list of tensors.
    func tensors(_ i: Int) throws -> [Tensor] {
        try sequence(i).map { v in
            guard let t = v.asTensor ?? TensorObject.operand(v) else {
                throw ScriptError("\(builtin.name)(): expected a list of Tensors, found a \(v.typeName)")
            }
            return t
        }
    }
}

/// The global functions that make and save tensors.
let tensorFunctions: [Builtin] = [
    Builtin("tensor", [Param("data"), .optional("dtype")], doc: "A tensor from a number or nested list (float32 unless dtype says otherwise; all-bool lists give bool).") { a in
        guard let l = elementList(a[0]) else { throw ScriptError("tensor(): data must be a number or nested list of numbers, not \(a[0].typeName)") }
        return .tensor(try Tensor(list: l, dtype: try a.optionalDType(1)))
    },
    Builtin("zeros", [Param("shape"), Param("dtype", .string("float32"))], doc: "A tensor of zeros with the given shape.") { a in
        .tensor(try Tensor.zeros(try a.ints(0), dtype: try a.optionalDType(1) ?? .float32))
    },
    Builtin("ones", [Param("shape"), Param("dtype", .string("float32"))], doc: "A tensor of ones with the given shape.") { a in
        .tensor(try Tensor.ones(try a.ints(0), dtype: try a.optionalDType(1) ?? .float32))
    },
    Builtin("full", [Param("shape"), Param("value"), Param("dtype", .string("float32"))], doc: "A tensor with every element equal to value.") { a in
        .tensor(try Tensor.full(try a.ints(0), try a.double(1), dtype: try a.optionalDType(2) ?? .float32))
    },
    Builtin("arange", [Param("start"), .optional("stop"), Param("step", .int(1)), Param("dtype", .string("float32"))], doc: "Evenly spaced values in [start, stop) (arange(n) counts from 0).") { a in
        let (lo, hi) = try a.optionalDouble(1).map { (try a.double(0), $0) } ?? (0, try a.double(0))
        return .tensor(try Tensor.arange(lo, hi, step: try a.double(2), dtype: try a.optionalDType(3) ?? .float32))
    },
    Builtin("linspace", [Param("start"), Param("stop"), Param("n")], doc: "n evenly spaced float32 values from start to stop inclusive.") { a in
        .tensor(try Tensor.linspace(try a.double(0), try a.double(1), count: try a.int(2)))
    },
    Builtin("rand", [Param("shape")], doc: "Uniform [0, 1) float32 values from the seeded random stream.") { a in
        .tensor(try Tensor.rand(try a.ints(0), stream: a.tensorRandomStream()))
    },
    Builtin("randn", [Param("shape")], doc: "Standard normal float32 values from the seeded random stream.") { a in
        .tensor(try Tensor.randn(try a.ints(0), stream: a.tensorRandomStream()))
    },
    Builtin("eye", [Param("n"), .optional("m"), Param("dtype", .string("float32"))], doc: "The n x m identity matrix (m defaults to n).") { a in
        .tensor(try Tensor.eye(try a.int(0), try a.optionalInt(1), dtype: try a.optionalDType(2) ?? .float32))
    },
    Builtin("stack", [Param("tensors"), Param("axis", .int(0))], doc: "Stacks same-shaped tensors along a new axis.") { a in
        .tensor(try Tensor.stack(try a.tensors(0), axis: try a.int(1)))
    },
    Builtin("cat", [Param("tensors"), Param("axis", .int(0))], doc: "Concatenates tensors along an existing axis.") { a in
        .tensor(try Tensor.cat(try a.tensors(0), axis: try a.int(1)))
    },
    Builtin("where", [Param("cond"), Param("a"), Param("b")], doc: "Elementwise choice: a where cond is true, else b (numbers broadcast).") { a in
        func operand(_ i: Int) throws -> Tensor {
            guard let t = TensorObject.operand(a[i]) else { return try a.tensor(i) }
            return t
        }
        return .tensor(try Tensor.where(try operand(0), try operand(1), try operand(2)))
    },
    Builtin("save", [Param("tensors"), Param("path")], doc: "Writes a dict of tensors to a safetensors file; rank 0 alone writes.") { a in
        let d = try a.dict(0)
        var pairs: [(String, Tensor)] = []
        for (k, v) in d.pairs {
            guard let t = v.asTensor else { throw ScriptError("save(): entry '\(k)' is a \(v.typeName), not a Tensor") }
            pairs.append((k, t))
        }
        let path = try a.string(1)
        try Bindings.writtenByLeader { try Safetensors.write(pairs, to: path) }
        return .null
    },
    Builtin("load", [Param("path")], doc: "Reads a safetensors file as a dict of tensors.") { a in
        .dict(try Safetensors.read(try a.inputPath(0)).map { ($0.0, Value.tensor($0.1)) })
    },
    Builtin("no_grad", [Param("fn")], doc: "Calls fn() without recording operations for autograd; returns its result.") { a in
        try GradMode.withoutGrad { try a.call(a[0], []) }
    },
]
