/// Methods of lists, strings, dicts and ranges.
extension CoreLibrary {
    static let listMethods: [Builtin] = [
        Builtin("append", [Param("x")], doc: "Adds x at the end.") { a in
            let x = a[0]
            try a.receiverList().mutate { $0.append(x) }
            return .null
        },
        Builtin("extend", [Param("xs")], doc: "Adds every element of xs at the end.") { a in
            let xs = try a.sequence(0)
            try a.receiverList().mutate { $0.append(contentsOf: xs) }
            return .null
        },
        Builtin("insert", [Param("index"), Param("x")], doc: "Inserts x before position index.") { a in
            let l = try a.receiverList()
            var i = try a.int(0)
            if i < 0 { i += l.items.count }
            let p = min(max(i, 0), l.items.count)
            l.mutate { $0.insert(a[1], at: p) }
            return .null
        },
        Builtin("pop", [Param("index", .int(-1))], doc: "Removes and returns the element at index (the last by default).") { a in
            let l = try a.receiverList()
            if l.items.isEmpty { throw ScriptError("pop(): the list is empty") }
            let p = try Interpreter.position(try a.int(0), l.items.count, "list")
            return l.mutate { $0.remove(at: p) }
        },
        Builtin("remove", [Param("x")], doc: "Removes the first element equal to x.") { a in
            let l = try a.receiverList()
            guard let i = l.items.firstIndex(where: { valuesEqual($0, a[0]) }) else { throw ScriptError("remove(): \(reprString(a[0])) is not in the list") }
            l.mutate { _ = $0.remove(at: i) }
            return .null
        },
        Builtin("index", [Param("x")], doc: "Position of the first element equal to x.") { a in
            guard let i = try a.receiverList().items.firstIndex(where: { valuesEqual($0, a[0]) }) else { throw ScriptError("index(): \(reprString(a[0])) is not in the list") }
            return .int(i)
        },
        Builtin("sort", [Param.optional("key"), Param("reverse", .bool(false))], doc: "Sorts the list in place.") { a in
            let l = try a.receiverList()
            let sorted = try sortValues(l.items, key: a[0], reverse: a.bool(1), a.interpreter)
            l.mutate { $0 = sorted }
            return .null
        },
        Builtin("copy", doc: "A shallow copy.") { a in .list(try a.receiverList().items) },
    ] + sequenceMethods

    /// The methods that only read their receiver, shared by lists and ranges.
    static let sequenceMethods: [Builtin] = [
        Builtin("contains", [Param("x")], doc: "Whether an element equals x.") { a in
            .bool(try a.receiverItems().contains { valuesEqual($0, a[0]) })
        },
        Builtin("count", [Param("x")], doc: "How many elements equal x.") { a in
            .int(try a.receiverItems().filter { valuesEqual($0, a[0]) }.count)
        },
        Builtin("map", [Param("fn")], doc: "A new list of fn(element).") { a in
            .list(try a.receiverItems().map { try a.call(a[0], [$0]) })
        },
        Builtin("filter", [Param("fn")], doc: "A new list of the elements for which fn is true.") { a in
            .list(try a.receiverItems().filter { try a.call(a[0], [$0]).condition() })
        },
        Builtin("reduce", [Param("initial"), Param("fn")], doc: "Folds fn(accumulator, element) over the elements from initial, as in Swift.") { a in
            var acc = a[0]
            for v in try a.receiverItems() { acc = try a.call(a[1], [acc, v]) }
            return acc
        },
    ]

    static let stringMethods: [Builtin] = [
        Builtin("split", [Param.optional("separator")], doc: "Splits on separator, or on runs of whitespace.") { a in
            let s = try a.receiverString()
            if case .null = a[0] { return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }) }
            let sep = try a.string(0)
            if sep.isEmpty { throw ScriptError("split(): empty separator") }
            return .list(s.components(separatedBy: sep).map { .string($0) })
        },
        Builtin("join", [Param("xs")], doc: "Joins the printed elements with this string between them.") { a in
            .string(try a.sequence(0).map(printString).joined(separator: try a.receiverString()))
        },
        Builtin("upper", doc: "Upper-case copy.") { a in .string(try a.receiverString().uppercased()) },
        Builtin("lower", doc: "Lower-case copy.") { a in .string(try a.receiverString().lowercased()) },
        Builtin("strip", doc: "Copy without leading and trailing whitespace.") { a in
            .string(try a.receiverString().trimmingCharacters(in: .whitespacesAndNewlines))
        },
        Builtin("replace", [Param("old"), Param("new")], doc: "Copy with every occurrence of old replaced by new.") { a in
            let old = try a.string(0)
            if old.isEmpty { throw ScriptError("replace(): empty search string") }
            return .string(try a.receiverString().replacingOccurrences(of: old, with: try a.string(1)))
        },
        Builtin("starts_with", [Param("prefix")], doc: "Whether the string starts with prefix.") { a in .bool(try a.receiverString().hasPrefix(try a.string(0))) },
        Builtin("ends_with", [Param("suffix")], doc: "Whether the string ends with suffix.") { a in .bool(try a.receiverString().hasSuffix(try a.string(0))) },
        Builtin("contains", [Param("part")], doc: "Whether part occurs in the string.") { a in
            let part = try a.string(0)
            let s = try a.receiverString()
            return .bool(part.isEmpty || s.contains(part))
        },
    ]

    static func receiverDict(_ a: Arguments) throws -> DictBox {
        if case .dict(let d) = a.receiver { return d }
        throw ScriptError("\(a.builtin.name)(): expected a Dict receiver")
    }

    static let dictMethods: [Builtin] = [
        Builtin("get", [Param("key"), Param.optional("default")], doc: "The value for key, or default when absent.") { a in
            try receiverDict(a)[try a.string(0)] ?? a[1]
        },
        Builtin("keys", doc: "The keys in insertion order.") { a in .list(try receiverDict(a).keys.map { .string($0) }) },
        Builtin("values", doc: "The values in insertion order.") { a in .list(try receiverDict(a).values) },
        Builtin("items", doc: "A list of [key, value] pairs.") { a in .list(try receiverDict(a).pairs.map { .list([.string($0.0), $0.1]) }) },
        Builtin("contains", [Param("key")], doc: "Whether key is present.") { a in .bool(try receiverDict(a)[try a.string(0)] != nil) },
        Builtin("pop", [Param("key"), Param.optional("default")], doc: "Removes key and returns its value (or default).") { a in
            try receiverDict(a).remove(try a.string(0)) ?? a[1]
        },
        Builtin("copy", doc: "A shallow copy.") { a in .dict(try receiverDict(a).pairs) },
    ]

    static let rangeMethods: [Builtin] = [
        Builtin("step", [Param("k")], doc: "The same range counting by k: (0..<10).step(2).") { a in
            guard case .range(let r) = a.receiver else { throw ScriptError("step(): expected a Range") }
            let k = try a.int(0)
            if k == 0 { throw ScriptError("step(): step cannot be zero") }
            // A negative step counts down from start towards end: (10..<0).step(-1) is 10, 9, ..., 1.
            return .range(RangeBox(start: r.start, end: r.end, inclusive: r.inclusive, step: k))
        },
    ] + sequenceMethods
}
