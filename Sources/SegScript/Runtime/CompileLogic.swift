/// Conditions and the logic operators `~ & | ^`.
extension Compiler {
    /// A value's truth in a condition, with an ambiguous object's error placed at `range`.
    @inline(__always) static func truth(_ v: Value, _ f: Frame, _ range: SourceRange) throws -> Bool {
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .object(let o):
            do { return try o.truthValue() ?? true } catch { throw f.interpreter.locate(error, range) }
        default: return true
        }
    }

    /// `~x`: logical not of a Bool, bitwise not of an Int, or the object's own.
    func invert(_ x: Expr, _ range: SourceRange) -> Code {
        let c = expr(x)
        return { f in
            let v = try c(f)
            switch v {
            case .bool(let b): return .bool(!b)
            case .int(let i): return .int(~i)
            case .object(let o):
                do {
                    if let r = try o.invert(f.interpreter) { return r }
                } catch { throw f.interpreter.locate(error, range) }
                fallthrough
            default:
                throw Compiler.error("'~' needs a Bool, an Int, or a bool or int32 Tensor, not a \(v.typeName)", range)
            }
        }
    }
}

extension Operators {
    /// `& | ^` on two Bools (logic) or two Ints (bitwise); anything else is an error.
    static func bitwise(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.bool(let x), .bool(let y)):
            switch op {
            case .bitAnd: return .bool(x && y)
            case .bitOr: return .bool(x || y)
            default: return .bool(x != y)
            }
        case (.int(let x), .int(let y)):
            switch op {
            case .bitAnd: return .int(x & y)
            case .bitOr: return .int(x | y)
            default: return .int(x ^ y)
            }
        default:
            throw ScriptError("'\(op.rawValue)' needs two Bools (logic) or two Ints (bitwise), not \(a.typeName) and \(b.typeName)")
        }
    }
}
