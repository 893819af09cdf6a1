/// Expressions: literals, names, operators, collections, member and index access.
extension Compiler {
    func expr(_ e: Expr) -> Code {
        let range = e.range
        switch e.kind {
        case .literal(let v): return { _ in v }
        case .invalid: return { _ in throw Compiler.error("invalid expression", range) }
        case .name(let n): return read(n)
        case .interpolation(let parts):
            let codes: [Code] = parts.map { part in
                switch part {
                case .text(let s): return { _ in .string(s) }
                case .expr(let x): return expr(x)
                }
            }
            return { f in
                var out = ""
                for c in codes { out += printString(try c(f)) }
                return .string(out)
            }
        case .list(let items):
            let codes = items.map { expr($0) }
            return { f in
                var out: [Value] = []
                out.reserveCapacity(codes.count)
                for c in codes { out.append(try c(f)) }
                return .list(ListBox(out))
            }
        case .dict(let entries):
            let codes = entries.map { ($0.0, expr($0.1)) }
            return { f in
                let d = DictBox()
                for (k, c) in codes { d.set(k, try c(f)) }
                return .dict(d)
            }
        case .negate(let x):
            let c = expr(x)
            return { f in
                let v = try c(f)
                switch v {
                case .int(let i):
                    if i == Int.min { throw Compiler.error("integer overflow in '-'", range) }
                    return .int(-i)
                case .float(let d): return .float(-d)
                case .object(let o):
                    do {
                        if let r = try o.negate(f.interpreter) { return r }
                    } catch { throw f.interpreter.locate(error, range) }
                    fallthrough
                default: throw Compiler.error("cannot negate a \(v.typeName)", range)
                }
            }
        case .invert(let x): return invert(x, range)
        case .appendItem(let list, let element):
            let l = operand(list), e = operand(element)
            return { f in
                // The accumulator is a fresh list the comprehension owns; nothing else can rebind it.
                guard case .list(let box) = try l.load(f) else { throw Compiler.error("comprehension accumulator is not a list", range) }
                let item = try e.load(f)
                box.mutate { $0.append(item) }
                return .null
            }
        case .not(let x):
            let c = expr(x), where_ = x.range
            return { f in .bool(!(try Compiler.truth(try c(f), f, where_))) }
        case .and(let a, let b):
            let l = expr(a), r = expr(b), where_ = a.range
            return { f in
                let v = try l(f)
                return try Compiler.truth(v, f, where_) ? try r(f) : v
            }
        case .or(let a, let b):
            let l = expr(a), r = expr(b), where_ = a.range
            return { f in
                let v = try l(f)
                return try Compiler.truth(v, f, where_) ? v : try r(f)
            }
        case .binary(let op, let a, let b): return binary(op, a, b, range)
        case .range(let a, let b, let inclusive):
            let l = expr(a), r = expr(b)
            return { f in
                guard case .int(let lo) = try l(f), case .int(let hi) = try r(f) else {
                    throw Compiler.error("range bounds must be Ints", range)
                }
                return .range(RangeBox(start: lo, end: hi, inclusive: inclusive))
            }
        case .pipe(let lhs, let rhs):
            if case .call(let callee, let args) = rhs.kind {
                return call(callee, [Argument(label: nil, value: lhs, range: lhs.range)] + args, range)
            }
            return call(rhs, [Argument(label: nil, value: lhs, range: lhs.range)], range)
        case .call(let callee, let args): return call(callee, args, range)
        case .index(let base, let items):
            let b = expr(base)
            let idx = indexCodes(items)
            return { f in
                let v = try b(f)
                let indices = try idx(f)
                do { return try f.interpreter.getIndex(v, indices) } catch { throw f.interpreter.locate(error, range) }
            }
        case .member(let base, let name):
            let b = expr(base)
            return { f in
                let v = try b(f)
                do { return try f.interpreter.getMember(v, name) } catch { throw f.interpreter.locate(error, range) }
            }
        case .function(let decl): return function(decl)
        case .ifElse(let cond, let then, let otherwise): return ifElse(cond, then, otherwise)
        case .block(let b): return block(b)
        case .tryCatch(let body, let binding, let handler): return tryCatch(body, binding, handler)
        }
    }

    func indexCodes(_ items: [IndexItem]) -> (Frame) throws -> [IndexArgument] {
        typealias One = (Frame) throws -> IndexArgument
        let codes: [One] = items.map { item in
            switch item {
            case .ellipsis: return { _ in .ellipsis }
            case .value(let x):
                let c = expr(x)
                return { f in .value(try c(f)) }
            case .slice(let a, let b, let s):
                let parts = [a, b, s].map { $0.map { (expr($0), $0.range) } }
                return { f in
                    var ints: [Int?] = []
                    for p in parts {
                        guard let (c, r) = p else { ints.append(nil); continue }
                        switch try c(f) {
                        case .int(let i): ints.append(i)
                        case .null: ints.append(nil)
                        case let v: throw Compiler.error("slice bounds must be Ints, not \(v.typeName)", r)
                        }
                    }
                    if ints[2] == 0, let r = parts[2]?.1 { throw Compiler.error("slice step cannot be zero", r) }
                    return .slice(start: ints[0], stop: ints[1], step: ints[2])
                }
            }
        }
        if codes.count == 1 {
            let c = codes[0]
            return { f in [try c(f)] }
        }
        return { f in try codes.map { try $0(f) } }
    }
}
