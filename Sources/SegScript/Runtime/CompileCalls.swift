/// Calls: a fast path for Seg functions called with positional arguments (arguments are
/// evaluated straight into the callee's frame), method calls, and the general path.
extension Compiler {
    func call(_ callee: Expr, _ args: [Argument], _ range: SourceRange) -> Code {
        let positional = ContiguousArray(args.filter { $0.label == nil }.map { operand($0.value) })
        let keywords = args.compactMap { a in a.label.map { ($0, expr(a.value)) } }
        if case .member(let base, let name) = callee.kind {
            return methodCall(base, name, positional, keywords, range)
        }
        let c = expr(callee)
        let n = positional.count
        if n == 1 && keywords.isEmpty {
            // One positional argument (the common recursive case): no argument array in the hot path.
            let a0 = positional[0]
            return { f in
                let fv = try c(f)
                let interp = f.interpreter
                if case .function(let closure) = fv, closure.info.paramCount == 1 {
                    return try interp.callInFrame(closure, site: range) { slots in slots[0] = try a0.load(f) }
                }
                let arg = try a0.load(f)
                do { return try interp.call(fv, [arg]) } catch {
                    if case .function(let closure) = fv { throw interp.trace(error, function: closure.info.name, site: range) }
                    throw interp.locate(error, range)
                }
            }
        }
        return { f in
            let fv = try c(f)
            let interp = f.interpreter
            if keywords.isEmpty, case .function(let closure) = fv, closure.info.paramCount == n {
                return try interp.callInFrame(closure, site: range) { slots in
                    for i in 0..<n { slots[i] = try positional[i].load(f) }
                }
            }
            var values: [Value] = []
            values.reserveCapacity(n)
            for p in positional { values.append(try p.load(f)) }
            var kw: [(String, Value)] = []
            for (k, code) in keywords { kw.append((k, try code(f))) }
            do {
                return try interp.call(fv, values, keywords: kw)
            } catch {
                if case .function(let closure) = fv { throw interp.trace(error, function: closure.info.name, site: range) }
                throw interp.locate(error, range)
            }
        }
    }

    func methodCall(_ base: Expr, _ name: String, _ positional: ContiguousArray<Operand>, _ keywords: [(String, Code)], _ range: SourceRange) -> Code {
        let b = expr(base)
        let cache = MethodCache()
        return { f in
            let receiver = try b(f)
            var values: [Value] = []
            values.reserveCapacity(positional.count)
            for p in positional { values.append(try p.load(f)) }
            var kw: [(String, Value)] = []
            for (k, code) in keywords { kw.append((k, try code(f))) }
            let interp = f.interpreter
            do {
                if let method = cache.lookup(name, of: receiver, interp.registry) {
                    return try interp.callBuiltin(method, receiver: receiver, values, kw)
                }
                return try interp.callMethod(receiver, name, values, kw)
            } catch { throw interp.locate(error, range) }
        }
    }
}

/// The registered method a call site found for the last receiver type it saw, so that a loop
/// calling `xs.append(x)` looks the method up once rather than on every call. Only methods that
/// `Interpreter.callMethod` would pick first are cached: a dict's keys shadow its methods, so
/// dicts are never cached, and a miss is left to `callMethod` (properties, errors).
final class MethodCache {
    private var typeName = ""
    private var method: Builtin?

    @inline(__always)
    func lookup(_ name: String, of receiver: Value, _ registry: Registry) -> Builtin? {
        if case .dict = receiver { return nil }
        let type = receiver.typeName
        if let method, type == typeName { return method }
        guard let found = registry.method(name, of: type) else { return nil }
        typeName = type
        method = found
        return found
    }
}

extension Value {
    var isCallable: Bool {
        switch self {
        case .function, .builtin, .object: return true
        default: return false
        }
    }
}

extension Interpreter {
    /// Calls a Seg function in a frame pushed on the value stack: `fill` writes the arguments
    /// into the frame's first slots, the frame is cleared and popped however the call ends, and
    /// an error is traced through `site`.
    @inline(__always)
    func callInFrame(_ closure: Closure, site: SourceRange, fill: (UnsafeMutablePointer<Value>) throws -> Void) throws -> Value {
        let base = sp, size = closure.info.frameSize
        guard base + size <= stackCapacity else { throw Compiler.error("stack overflow: recursion too deep", site) }
        let slots = stack + base
        sp = base + size
        defer {
            clearSlots(slots, size)
            sp = base
        }
        try fill(slots)
        do { return try enter(closure, slots) } catch { throw trace(error, function: closure.info.name, site: site) }
    }
}
