import Foundation

/// The core library: global functions and the methods of lists, strings, dicts and ranges,
/// registered through the same table the bindings use.
enum CoreLibrary {
    static func register(into r: Registry) {
        r.register(builtins: basics + math + sequences + randomness)
        r.register(methodsOf: "List", builtins: listMethods)
        r.register(methodsOf: "String", builtins: stringMethods)
        r.register(methodsOf: "Dict", builtins: dictMethods)
        r.register(methodsOf: "Range", builtins: rangeMethods)
        r.register(methodsOf: "Error", builtins: [])
        r.register(propertiesOf: "Error", [
            Property("message", "What went wrong."),
            Property("line", "The line the error points at (nil when it has no place)."),
            Property("column", "The column the error points at."),
            Property("file", "The file or cell name."),
            Property("stack", "The names of the functions the error passed through."),
        ])
        r.register(constant: "pi", value: .float(Double.pi))
        r.register(decoder: "Error") { bytes in .object(ErrorObject(ScriptError(String(decoding: bytes, as: UTF8.self)))) }
    }

    static let basics: [Builtin] = [
        Builtin("print", [Param("values", variadic: true), Param("sep", .string(" ")), Param("end", .string("\n"))],
                doc: "Prints the values separated by one space (or sep), then a newline (or end).") { a in
            let items = try a.list(0).items.map(printString)
            a.interpreter.sink.write(items.joined(separator: try a.string(1)) + (try a.string(2)))
            return .null
        },
        Builtin("len", [Param("x")], doc: "Number of elements of a list, dict, string, range or object.") { a in
            switch a[0] {
            case .list(let l): return .int(l.items.count)
            case .dict(let d): return .int(d.count)
            case .string(let s): return .int(s.count)
            case .range(let r): return .int(r.count)
            case .object(let o): if let n = try o.length() { return .int(n) }
            default: break
            }
            throw ScriptError("len(): a \(a[0].typeName) has no length")
        },
        Builtin("str", [Param("x")], doc: "The printed form of x as a String.") { a in .string(printString(a[0])) },
        Builtin("int", [Param("x")], doc: "x as an Int: truncates Floats, parses Strings.") { a in
            switch a[0] {
            case .int: return a[0]
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d):
                guard d.isFinite, let i = Int(exactly: d.rounded(.towardZero)) else { throw ScriptError("int(): \(formatFloat(d)) cannot be converted to an Int") }
                return .int(i)
            case .string(let s):
                guard let i = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else { throw ScriptError("int(): \(quoted(s)) is not an integer") }
                return .int(i)
            default: throw ScriptError("int(): cannot convert a \(a[0].typeName) to an Int")
            }
        },
        Builtin("float", [Param("x")], doc: "x as a Float; parses Strings.") { a in
            switch a[0] {
            case .int(let i): return .float(Double(i))
            case .float: return a[0]
            case .bool(let b): return .float(b ? 1 : 0)
            case .string(let s):
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw ScriptError("float(): \(quoted(s)) is not a number") }
                return .float(d)
            default: throw ScriptError("float(): cannot convert a \(a[0].typeName) to a Float")
            }
        },
        Builtin("bool", [Param("x")], doc: "x's truthiness: only false and nil are false (a tensor must hold one element).") { a in .bool(try a[0].condition()) },
        Builtin("type", [Param("x")], doc: "The name of x's type: Nil Bool Int Float String List Dict Range Function, or a module object's type.") { a in
            .string(a[0].typeName)
        },
        Builtin("format", [Param("value"), Param("spec", .string(""))], doc: "Formats a value with a Python-like spec: \".3f\", \".1%\", \">8\", \",d\".") { a in
            .string(try FormatSpec.apply(a[0], try a.string(1)))
        },
        Builtin("assert", [Param("condition"), Param("message", .string("assertion failed"))], doc: "Raises an error with message unless condition is true.") { a in
            if !(try a[0].condition()) { throw ScriptError(printString(a[1])) }
            return .null
        },
        Builtin("error", [Param("message")], doc: "Raises a run-time error carrying message; catch binds it.") { a in
            throw ScriptError(printString(a[0]))
        },
        Builtin("time", doc: "Seconds since 1970 as a Float (for timing).") { _ in .float(Date().timeIntervalSince1970) },
        Builtin("help", [Param.optional("x")], doc: "Prints the documentation of a built-in, module, method or value.") { a in
            a.interpreter.sink.write(a.interpreter.helpText(for: a[0]) + "\n")
            return .null
        },
        Builtin("keys", [Param("d")], doc: "The keys of a dict, in insertion order.") { a in .list(try a.dict(0).keys.map { .string($0) }) },
        Builtin("values", [Param("d")], doc: "The values of a dict, in insertion order.") { a in .list(try a.dict(0).values) },
    ]

    static func number(_ a: Arguments, _ f: (Double) -> Double) throws -> Value { .float(f(try a.double(0))) }

    static let math: [Builtin] = [
        Builtin("abs", [Param("x")], doc: "Absolute value (Int stays Int).") { a in
            if case .int(let i) = a[0] {
                if i == Int.min { throw ScriptError("integer overflow in abs()") }
                return .int(Swift.abs(i))
            }
            if case .object = a[0] { return try a.interpreter.callMethod(a[0], "abs", []) }
            return try number(a) { Swift.abs($0) }
        },
        Builtin("round", [Param("x"), Param.optional("digits")],
                doc: "Rounds half to even: an Int without digits; with them, to that many decimals (negative: tens, hundreds), keeping an Int an Int.") { a in
            let x = try a.double(0)
            guard let digits = try a.optionalInt(1) else {
                if case .int = a[0] { return a[0] }
                let r = x.rounded(.toNearestOrEven)
                guard r.isFinite, let i = Int(exactly: r) else { throw ScriptError("round(): \(formatFloat(x)) cannot be converted to an Int") }
                return .int(i)
            }
            if case .int(let i) = a[0] { return .int(try roundInteger(i, digits: digits)) }
            return .float(try roundDecimal(x, digits: digits))
        },
        Builtin("floor", [Param("x")], doc: "The largest Int not above x.") { a in
            if case .int = a[0] { return a[0] }
            let r = try a.double(0).rounded(.down)
            guard let i = Int(exactly: r) else { throw ScriptError("floor(): \(formatFloat(r)) cannot be converted to an Int") }
            return .int(i)
        },
        Builtin("ceil", [Param("x")], doc: "The smallest Int not below x.") { a in
            if case .int = a[0] { return a[0] }
            let r = try a.double(0).rounded(.up)
            guard let i = Int(exactly: r) else { throw ScriptError("ceil(): \(formatFloat(r)) cannot be converted to an Int") }
            return .int(i)
        },
        Builtin("sqrt", [Param("x")], doc: "Square root as a Float.") { a in
            let x = try a.double(0)
            if x < 0 { throw ScriptError("sqrt(): math domain error (x = \(formatFloat(x)))") }
            return .float(x.squareRoot())
        },
        Builtin("exp", [Param("x")], doc: "e to the power x.") { a in try number(a) { Foundation.exp($0) } },
        Builtin("log", [Param("x"), Param.optional("base")], doc: "Natural logarithm, or to the given base.") { a in
            let x = try a.double(0)
            if x <= 0 { throw ScriptError("log(): math domain error (x = \(formatFloat(x)))") }
            if case .null = a[1] { return .float(Foundation.log(x)) }
            return .float(Foundation.log(x) / Foundation.log(try a.double(1)))
        },
    ]

    static let randomness: [Builtin] = [
        Builtin("seed", [Param("n")], doc: "Restarts this context's random stream from n.") { a in
            a.interpreter.random.reseed(UInt64(bitPattern: Int64(try a.int(0))))
            return .null
        },
        Builtin("random", doc: "A uniform Float in [0, 1).") { a in .float(a.interpreter.random.nextDouble()) },
        Builtin("randint", [Param("a"), Param("b")], doc: "A uniform Int in a...b (both included).") { a in
            let lo = try a.int(0), hi = try a.int(1)
            if hi < lo { throw ScriptError("randint(): empty range \(lo)...\(hi)") }
            return .int(a.interpreter.random.nextInt(lo, hi))
        },
        Builtin("shuffle", [Param("xs")], doc: "Shuffles a list in place.") { a in
            let l = try a.list(0)
            l.mutate { items in
                guard items.count > 1 else { return }
                for i in stride(from: items.count - 1, to: 0, by: -1) {
                    items.swapAt(i, a.interpreter.random.nextInt(0, i))
                }
            }
            return .null
        },
    ]
}
