import XCTest
@testable import SegScript

/// A stand-in for a tensor: a vector of Doubles with arithmetic, indexing, members, iteration,
/// a version counter and storage, registered the way the bindings layer registers its modules.
final class Vec: ScriptObject, PropertyListing {
    var items: [Double]
    var version = 0
    var requiresGrad = false
    init(_ items: [Double]) { self.items = items }

    var typeName: String { "Vec" }
    var propertyNames: [String] { ["count", "requires_grad"] }

    func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "count": return .int(items.count)
        case "requires_grad": return .bool(requiresGrad)
        default: return nil
        }
    }
    func setMember(_ name: String, _ value: Value, _ interpreter: Interpreter) throws {
        guard name == "requires_grad", let b = value.asBool else { throw ScriptError("cannot set \(name)") }
        requiresGrad = b
        version += 1
    }
    func binary(_ op: String, _ other: Value, reversed: Bool, _ interpreter: Interpreter) throws -> Value? {
        let rhs: [Double]
        if case .object(let o as Vec) = other { rhs = o.items } else if let d = other.asDouble { rhs = Array(repeating: d, count: items.count) } else { return nil }
        guard rhs.count == items.count else { throw ScriptError("shape mismatch: \(items.count) vs \(rhs.count)") }
        switch op {
        case "+": return .object(Vec(zip(items, rhs).map { $0 + $1 }))
        case "*": return .object(Vec(zip(items, rhs).map { $0 * $1 }))
        case "@": return .float(zip(items, rhs).map { $0 * $1 }.reduce(0, +))
        case "<": return .list(zip(items, rhs).map { .bool(reversed ? $1 < $0 : $0 < $1) })
        default: return nil
        }
    }
    func getIndex(_ indices: [IndexArgument], _ interpreter: Interpreter) throws -> Value? {
        if case .value(.int(let i)) = indices[0] { return .float(items[try Interpreter.position(i, items.count, "Vec")]) }
        if case .ellipsis = indices[0] { return .string("all \(indices.count)") }
        if case .slice(let a, let b, let s) = indices[0] { return .object(Vec(Interpreter.slicePositions(a, b, s, items.count).map { items[$0] })) }
        return nil
    }
    func setIndex(_ indices: [IndexArgument], _ value: Value, _ interpreter: Interpreter) throws -> Bool {
        guard case .value(.int(let i)) = indices[0], let d = value.asDouble else { return false }
        items[try Interpreter.position(i, items.count, "Vec")] = d
        version += 1
        return true
    }
    func call(_ arguments: [Value], keywords: [(String, Value)], _ interpreter: Interpreter) throws -> Value? {
        .object(Vec(items.map { $0 * (arguments.first?.asDouble ?? 1) }))
    }
    func length() throws -> Int? { items.count }
    func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? {
        var i = 0
        return ClosureIterator { _ in
            defer { i += 1 }
            return i < self.items.count ? .float(self.items[i]) : nil
        }
    }
    func isEqual(to other: Value) -> Bool { (other.asObject as? Vec)?.items == items }
    func display(full: Bool) -> String { full ? "Vec(\(items.map(formatFloat).joined(separator: ", ")))" : "Vec[\(items.count)]" }
    func encode() throws -> EncodedObject? {
        EncodedObject(tag: "Vec", bytes: items.flatMap { d in (0..<8).map { UInt8(truncatingIfNeeded: d.bitPattern >> (8 * UInt64($0))) } })
    }

    static func registry() -> Registry {
        let r = Registry.withCore()
        r.register(module: "vec", doc: "Test vectors.", builtins: [
            Builtin("make", [Param("xs"), Param("scale", .float(1))], doc: "A Vec from a list.") { a in
                .object(Vec(try a.list(0).items.map { ($0.asDouble ?? 0) * (try a.double(1)) }))
            },
        ])
        r.register(methodsOf: "Vec", builtins: [
            Builtin("total", doc: "Sum of the elements.") { a in
                guard case .object(let v as Vec) = a.receiver else { throw ScriptError("not a Vec") }
                return .float(v.items.reduce(0, +))
            },
            Builtin("fill", [Param("x")], doc: "Sets every element in place.") { a in
                guard case .object(let v as Vec) = a.receiver else { throw ScriptError("not a Vec") }
                v.items = v.items.map { _ in (try? a.double(0)) ?? 0 }
                v.version += 1
                return .null
            },
        ])
        r.register(decoder: "Vec") { bytes in
            guard bytes.count % 8 == 0 else { throw ScriptError("bad Vec") }
            return .object(Vec(stride(from: 0, to: bytes.count, by: 8).map { o in
                Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[o + $1]) << (8 * UInt64($1)) })
            }))
        }
        return r
    }
}

final class NativeObjectTests: XCTestCase {
    func run(_ text: String) throws -> String {
        let sink = CollectingSink()
        try Interpreter(registry: Vec.registry(), sink: sink).runScript(SourceFile(name: "t", text: text))
        return sink.text
    }

    func testModulesMembersOperatorsIndexingCallsAndIteration() throws {
        let out = try run("""
        let v = vec.make([1, 2, 3])
        print(type(v), v, [v], len(v), v.count)
        print(v + 1, 2 * v, v @ v, v < 2, 0 < v)
        print(v[0], v[-1], v[1:], v[..., 0])
        v[0] = 10
        v.requires_grad = true
        print(v.total(), v.requires_grad, v(2))
        for x in v { print(x) }
        print(v == vec.make([10, 2, 3]), vec.make([1], scale: 3))
        let t = v.total
        print(t())
        """)
        XCTAssertEqual(out, """
        Vec Vec(1.0, 2.0, 3.0) [Vec[3]] 3 3
        Vec(2.0, 3.0, 4.0) Vec(2.0, 4.0, 6.0) 14.0 [true, false, false] [true, true, true]
        1.0 3.0 Vec(2.0, 3.0) all 2
        15.0 true Vec(20.0, 4.0, 6.0)
        10.0
        2.0
        3.0
        true Vec(3.0)

        """ + "15.0\n")
    }

    func testNativeErrorsGetTheCallSite() throws {
        XCTAssertThrowsError(try run("let v = vec.make([1, 2])\nprint(v + vec.make([1]))")) { error in
            let e = error as? ScriptError
            XCTAssertEqual(e?.message, "shape mismatch: 2 vs 1")
            XCTAssertEqual(e?.range?.line, 2)
        }
        XCTAssertThrowsError(try run("vec.make([1]).nope()")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "Vec has no method 'nope'")
        }
        XCTAssertThrowsError(try run("vec.make()")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "make() missing argument for parameter 'xs'")
        }
        XCTAssertThrowsError(try run("vec.make([1], bogus: 2)")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "make() has no parameter named 'bogus'")
        }
    }

    func testHelpAndCompletionSeeRegisteredModules() throws {
        let interp = Interpreter(registry: Vec.registry(), sink: CollectingSink())
        try interp.evaluate("let v = vec.make([1])")
        XCTAssertEqual(interp.completions(forLine: "vec.m"), ["vec.make"])
        XCTAssertEqual(interp.completions(ofMembersOf: try interp.evaluate("v")), ["count", "fill", "requires_grad", "total"])
        XCTAssertTrue(interp.helpText(for: try interp.evaluate("vec")).contains("vec.make(xs, scale = 1.0)  A Vec from a list."))
        XCTAssertTrue(interp.registry.markdownReference().contains("`Vec.total()`"))
    }
}

final class ArgumentsConversionTests: XCTestCase {
    func testTypedArgumentAccess() throws {
        let r = Vec.registry()
        r.register(builtins: [
            Builtin("probe", [Param("v"), Param("shape"), Param("xs"), Param.optional("name")], doc: "Test.") { a in
                let v = try a.object(0, as: Vec.self)
                return .string("\(v.items.count) \(try a.ints(1)) \(try a.doubles(2)) \(try a.optionalString(3) ?? "-")")
            },
        ])
        let interp = Interpreter(registry: r, sink: CollectingSink())
        XCTAssertEqual(printString(try interp.evaluate("probe(vec.make([1, 2]), [3, 4], [0.5, 1], name: \"n\")")), "2 [3, 4] [0.5, 1.0] n")
        XCTAssertEqual(printString(try interp.evaluate("probe(vec.make([]), 7, 2)")), "0 [7] [2.0] -")
        XCTAssertThrowsError(try interp.evaluate("probe(1, [1], [1])")) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "probe(): argument 'v' must be a Vec, not Int")
        }
        XCTAssertThrowsError(try interp.evaluate("probe(vec.make([]), [1.5], [1])")) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "probe(): argument 'shape' must be a list of Ints, not List")
        }
    }
}
