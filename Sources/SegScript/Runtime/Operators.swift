import Foundation

/// The semantics of binary operators on every value kind: the slow path the compiled code falls
/// back to when its inline Int/Float fast path does not apply.
enum Operators {
    static func typeError(_ op: BinaryOp, _ a: Value, _ b: Value) -> ScriptError {
        ScriptError("cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)")
    }

    static func overflow(_ op: BinaryOp) -> ScriptError { ScriptError("integer overflow in '\(op.rawValue)'") }

    /// Python's floored modulo and division on Ints.
    static func floorDivMod(_ a: Int, _ b: Int, _ op: BinaryOp) throws -> (Int, Int) {
        if b == 0 { throw ScriptError(op == .mod ? "modulo by zero" : "division by zero") }
        if a == Int.min && b == -1 { throw overflow(op) }
        var q = a / b
        var r = a % b
        if r != 0 && ((r < 0) != (b < 0)) {
            q -= 1
            r += b
        }
        return (q, r)
    }

    /// Repetition that would not fit in memory is an error, not a crash.
    static func checkSize(_ unit: Int, _ n: Int) throws {
        let (total, o) = unit.multipliedReportingOverflow(by: max(0, n))
        if o || total > 100_000_000 { throw ScriptError("result of repetition is too large (\(unit) x \(n))") }
    }

    static func intPower(_ base: Int, _ exp: Int) throws -> Int {
        var result = 1, b = base, e = exp
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { throw overflow(.pow) }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, o) = b.multipliedReportingOverflow(by: b)
                if o { throw overflow(.pow) }
                b = sq
            }
        }
        return result
    }

    static func apply(_ op: BinaryOp, _ a: Value, _ b: Value, _ interpreter: Interpreter) throws -> Value {
        // Native objects first: tensors define arithmetic and comparisons with numbers on either side.
        if case .object(let o) = a, let r = try o.binary(op.rawValue, b, reversed: false, interpreter) { return r }
        if case .object(let o) = b, let r = try o.binary(op.rawValue, a, reversed: true, interpreter) { return r }
        switch op {
        case .bitAnd, .bitOr, .bitXor: return try bitwise(op, a, b)
        case .eq: return .bool(valuesEqual(a, b))
        case .ne: return .bool(!valuesEqual(a, b))
        case .lt, .le, .gt, .ge:
            if let x = a.asDouble, let y = b.asDouble, x.isNaN || y.isNaN { return .bool(false) }
            let c = try compare(a, b, op)
            switch op {
            case .lt: return .bool(c < 0)
            case .le: return .bool(c <= 0)
            case .gt: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        default: break
        }
        switch (a, b) {
        case (.int(let x), .int(let y)): return try intArith(op, x, y)
        case (.int(let x), .float(let y)): return try floatArith(op, Double(x), y)
        case (.float(let x), .int(let y)): return try floatArith(op, x, Double(y))
        case (.float(let x), .float(let y)): return try floatArith(op, x, y)
        case (.bool, _), (_, .bool): throw typeError(op, a, b)
        case (.string(let x), .string(let y)) where op == .add: return .string(x + y)
        case (.string(let s), .int(let n)) where op == .mul:
            try checkSize(s.utf8.count, n)
            return .string(String(repeating: s, count: max(0, n)))
        case (.list(let x), .list(let y)) where op == .add: return .list(x.items + y.items)
        case (.list(let l), .int(let n)) where op == .mul:
            try checkSize(l.items.count, n)
            var out: [Value] = []
            for _ in 0..<max(0, n) { out += l.items }
            return .list(out)
        default: throw typeError(op, a, b)
        }
    }

    static func intArith(_ op: BinaryOp, _ x: Int, _ y: Int) throws -> Value {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow(op) }
            return .int(r)
        case .sub:
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflow(op) }
            return .int(r)
        case .mul:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflow(op) }
            return .int(r)
        case .div:
            if y == 0 { throw ScriptError("division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDiv: return .int(try floorDivMod(x, y, op).0)
        case .mod: return .int(try floorDivMod(x, y, op).1)
        case .pow:
            if y < 0 { return .float(Foundation.pow(Double(x), Double(y))) }
            return .int(try intPower(x, y))
        default: throw typeError(op, .int(x), .int(y))
        }
    }

    static func floatArith(_ op: BinaryOp, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div: return .float(x / y)
        case .floorDiv: return .float((x / y).rounded(.down))
        case .mod:
            if y == 0 { return .float(.nan) }
            let r = x.truncatingRemainder(dividingBy: y)
            return .float(r != 0 && ((r < 0) != (y < 0)) ? r + y : r)
        case .pow: return .float(Foundation.pow(x, y))
        default: throw typeError(op, .float(x), .float(y))
        }
    }

    /// Three-way comparison for ordered kinds: numbers, strings, lists (lexicographic).
    static func compare(_ a: Value, _ b: Value, _ op: BinaryOp, depth: Int = 0) throws -> Int {
        if depth > 200 { throw ScriptError("cannot compare lists nested more than 200 deep") }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.list(let x), .list(let y)):
            for i in 0..<min(x.items.count, y.items.count) {
                let c = try compare(x.items[i], y.items[i], op, depth: depth + 1)
                if c != 0 { return c }
            }
            return x.items.count - y.items.count
        default:
            if let x = a.asDouble, let y = b.asDouble, !(a.asBool != nil || b.asBool != nil) {
                return x < y ? -1 : (x == y ? 0 : 1)
            }
            throw typeError(op, a, b)
        }
    }
}
