/// Global functions over sequences: range, enumerate, zip, sorted, reversed, sum, min, max.
extension CoreLibrary {
    /// Sorts values by a key function (or themselves), with `Operators.compare` order.
    static func sortValues(_ items: [Value], key: Value, reverse: Bool, _ interp: Interpreter) throws -> [Value] {
        let keys: [Value]
        if case .null = key { keys = items } else { keys = try items.map { try interp.call(key, [$0]) } }
        var order = Array(items.indices)
        try order.sort { i, j in
            let c = try Operators.compare(keys[i], keys[j], .lt)
            return reverse ? c > 0 : c < 0
        }
        return order.map { items[$0] }
    }

    static func extreme(_ a: Arguments, _ wantMax: Bool) throws -> Value {
        var items = try a.list(0).items
        if items.count == 1 { items = try a.interpreter.iterate(items[0]) }
        guard var best = items.first else { throw ScriptError("\(a.builtin.name)(): empty sequence") }
        let key = a[1]
        var bestKey = key.isTruthy ? try a.call(key, [best]) : best
        for v in items.dropFirst() {
            let k = key.isTruthy ? try a.call(key, [v]) : v
            let c = try Operators.compare(k, bestKey, .lt)
            if wantMax ? c > 0 : c < 0 { best = v; bestKey = k }
        }
        return best
    }

    static let sequences: [Builtin] = [
        Builtin("range", [Param("a"), Param.optional("b"), Param("step", .int(1))], doc: "range(n) is 0..<n; range(a, b, step) counts from a up to (not including) b.") { a in
            let step = try a.int(2)
            if step == 0 { throw ScriptError("range(): step cannot be zero") }
            if case .null = a[1] { return .range(RangeBox(start: 0, end: try a.int(0), inclusive: false, step: step)) }
            return .range(RangeBox(start: try a.int(0), end: try a.int(1), inclusive: false, step: step))
        },
        Builtin("list", [Param.optional("xs")], doc: "A new list of the elements of any iterable: list(0..<3) is [0, 1, 2]; list() is [].") { a in
            if case .null = a[0] { return .list([]) }
            return .list(try a.sequence(0))
        },
        Builtin("enumerate", [Param("xs"), Param("start", .int(0))], doc: "A list of [index, element] pairs.") { a in
            let start = try a.int(1)
            return .list(try a.sequence(0).enumerated().map { .list([.int(start &+ $0.offset), $0.element]) })
        },
        Builtin("zip", [Param("a"), Param("b"), Param.optional("c")], doc: "A list of [a[i], b[i]] (or triples), as long as the shortest.") { a in
            let x = try a.sequence(0), y = try a.sequence(1)
            if case .null = a[2] { return .list(zip(x, y).map { .list([$0, $1]) }) }
            let z = try a.sequence(2)
            return .list((0..<min(x.count, y.count, z.count)).map { .list([x[$0], y[$0], z[$0]]) })
        },
        Builtin("sorted", [Param("xs"), Param.optional("key"), Param("reverse", .bool(false))], doc: "A sorted copy; key: maps elements to what is compared.") { a in
            .list(try sortValues(try a.sequence(0), key: a[1], reverse: a.bool(2), a.interpreter))
        },
        Builtin("reversed", [Param("xs")], doc: "A reversed copy as a list (a String stays a String).") { a in
            if case .string(let s) = a[0] { return .string(String(s.reversed())) }
            return .list(try a.sequence(0).reversed())
        },
        Builtin("sum", [Param("xs"), Param("start", .int(0))], doc: "The sum of the elements plus start.") { a in
            var total = a[1]
            for v in try a.sequence(0) { total = try Operators.apply(.add, total, v, a.interpreter) }
            return total
        },
        Builtin("min", [Param("values", variadic: true), Param.optional("key")], doc: "The smallest argument, or the smallest element of one iterable.") { a in
            try extreme(a, false)
        },
        Builtin("max", [Param("values", variadic: true), Param.optional("key")], doc: "The largest argument, or the largest element of one iterable.") { a in
            try extreme(a, true)
        },
    ]
}
