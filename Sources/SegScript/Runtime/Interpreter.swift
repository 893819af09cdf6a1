import Foundation
import SegRandom

/// An evaluation context: the persistent global environment, the value stack, the output sink,
/// the random stream and the interruption flag. Chunks evaluated one after another share globals.
public final class Interpreter {
    /// The built-in table this interpreter resolves global, module and method names in.
    public let registry: Registry
    /// Where `print`, `show` and friends send output.
    public var sink: OutputSink
    /// Set from any thread to stop the running code with an `interrupted` error.
    public let interruption = InterruptFlag()
    /// The random stream of `random()`, `randint`, `shuffle`; reseed per cell with `seed(_:)`.
    public var random = Xoshiro256StarStar(seed: 0)
    /// Deepest allowed nesting of Seg function calls.
    public var maxCallDepth = 1000

    var globals: [String: GlobalCell] = [:]
    let stack: UnsafeMutablePointer<Value>
    /// Slots of the value stack; every slot at or above `sp` holds `.null`.
    let stackCapacity = 1 << 18
    /// The cell table of frames whose function has no captured locals.
    let emptyCells: UnsafeMutablePointer<CapturedVariable?>
    var sp = 0
    var depth = 0
    var unwind = Unwind.none
    var returnValue = Value.null
    /// The lowest address the native stack may reach before calls fail with "stack overflow".
    var nativeStackLimit: UInt = 0

    /// A new environment over `registry` (the core library by default) printing to `sink`.
    public init(registry: Registry = Registry.withCore(), sink: OutputSink = StandardOutputSink()) {
        self.registry = registry
        self.sink = sink
        stack = UnsafeMutablePointer<Value>.allocate(capacity: stackCapacity)
        stack.initialize(repeating: .null, count: stackCapacity)
        emptyCells = UnsafeMutablePointer<CapturedVariable?>.allocate(capacity: 1)
        emptyCells.initialize(to: nil)
    }

    deinit {
        stack.deinitialize(count: stackCapacity)
        stack.deallocate()
        emptyCells.deinitialize(count: 1)
        emptyCells.deallocate()
    }

    /// Clears a popped frame's slots back to `.null` (releasing what they held).
    @inline(__always) func clearSlots(_ slots: UnsafeMutablePointer<Value>, _ count: Int) {
        var i = 0
        while i < count {
            slots[i] = .null
            i += 1
        }
    }

    /// The cell of a global name, created on first mention (and filled from the registry).
    func globalCell(_ name: String) -> GlobalCell {
        if let c = globals[name] { return c }
        let c = GlobalCell(name: name)
        if let v = registry.initialValue(of: name) {
            c.value = v
            c.isDefined = true
        }
        globals[name] = c
        return c
    }

    @inline(__always) func checkInterrupt() throws {
        if interruption.isSet { throw ScriptError(kind: .interrupted, diagnostics: [Diagnostic(message: "interrupted", range: nil)]) }
    }

    /// Records how deep the native stack may grow on this thread (leaving a safety margin).
    func measureNativeStack() {
        var attr = pthread_attr_t()
        var base: UnsafeMutableRawPointer?
        var size = 0
        if let getattr = threadAttributes, getattr(pthread_self(), &attr) == 0 {
            pthread_attr_getstack(&attr, &base, &size)
            pthread_attr_destroy(&attr)
        }
        if let b = base, size > 0 {
            // Keep 256 KB (or a quarter of a small stack) for native code called from the deepest frame.
            let margin = min(256 * 1024, size / 4)
            nativeStackLimit = UInt(bitPattern: b) + UInt(margin)
        } else {
            nativeStackLimit = 0
        }
    }

    @inline(__always) func checkNativeStack() throws {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if here < nativeStackLimit { throw ScriptError("stack overflow: recursion too deep") }
    }

    // MARK: calls

    /// Calls a closure with arguments already evaluated, used by native code (map, sorted key, ...).
    func callClosure(_ c: Closure, _ args: [Value], keywords: [(String, Value)] = []) throws -> Value {
        let info = c.info
        let base = sp
        let top = base + info.frameSize
        guard top <= stackCapacity else { throw ScriptError("stack overflow: recursion too deep") }
        sp = top
        defer {
            clearSlots(stack + base, info.frameSize)
            sp = base
        }
        let slots = stack + base
        let given = try bindArguments(info, slots, args, keywords)
        return try enter(c, slots, given: given)
    }

    /// Places arguments in the frame; returns which parameters were given when some are missing.
    func bindArguments(_ info: FunctionInfo, _ slots: UnsafeMutablePointer<Value>, _ args: [Value], _ keywords: [(String, Value)]) throws -> [Bool]? {
        let n = info.paramNames.count
        if args.count > n {
            throw ScriptError("\(info.name)() takes \(n) argument\(n == 1 ? "" : "s") but \(args.count) were given")
        }
        var given = [Bool](repeating: false, count: n)
        for (i, a) in args.enumerated() {
            slots[i] = a
            given[i] = true
        }
        for (k, v) in keywords {
            guard let i = info.paramNames.firstIndex(of: k) else {
                throw ScriptError("\(info.name)() has no parameter named '\(k)'")
            }
            if given[i] { throw ScriptError("\(info.name)() got two values for parameter '\(k)'") }
            slots[i] = v
            given[i] = true
        }
        if given.contains(false) {
            for i in 0..<n where !given[i] && info.defaults[i] == nil {
                throw ScriptError("\(info.name)() missing argument for parameter '\(info.paramNames[i])'")
            }
            return given
        }
        return nil
    }

    /// Runs a closure whose frame is already on the stack with its arguments in place.
    /// `given` lists which parameters were passed when some take their defaults, which are
    /// evaluated here in the callee's frame (so they may use earlier parameters).
    @inline(__always) func enter(_ c: Closure, _ slots: UnsafeMutablePointer<Value>, given: [Bool]? = nil) throws -> Value {
        let info = c.info
        depth += 1
        defer { depth -= 1 }
        if depth > maxCallDepth { throw ScriptError("stack overflow: more than \(maxCallDepth) nested calls") }
        try checkNativeStack()
        try checkInterrupt()
        var cells = emptyCells
        if info.needsCells {
            cells = UnsafeMutablePointer<CapturedVariable?>.allocate(capacity: info.frameSize)
            cells.initialize(repeating: nil, count: info.frameSize)
            for s in info.capturedParams { cells[s] = CapturedVariable(slots[s]) }
        }
        defer {
            if info.needsCells {
                cells.deinitialize(count: info.frameSize)
                cells.deallocate()
            }
        }
        let frame = Frame(slots: slots, cells: cells, closure: c, interpreter: self)
        if let given = given {
            for i in 0..<given.count where !given[i] {
                guard let d = info.defaults[i] else { continue }
                let v = try d(frame)
                slots[i] = v
                if info.needsCells, let cell = cells[i] { cell.value = v }
            }
        }
        let result = try info.body(frame)
        if unwind == .returning {
            unwind = .none
            let r = returnValue
            returnValue = .null
            return r
        }
        unwind = .none
        return result
    }

    /// Calls any callable value with positional and keyword arguments.
    public func call(_ callee: Value, _ args: [Value], keywords: [(String, Value)] = []) throws -> Value {
        switch callee {
        case .function(let c):
            return try callClosure(c, args, keywords: keywords)
        case .builtin(let b):
            return try callBuiltin(b.builtin, receiver: b.receiver ?? .null, args, keywords)
        case .object(let o):
            if let r = try o.call(args, keywords: keywords, self) { return r }
            throw ScriptError("a \(o.typeName) is not callable")
        default:
            throw ScriptError("a \(callee.typeName) is not callable")
        }
    }

    /// Binds arguments to a built-in's parameters and runs it.
    func callBuiltin(_ b: Builtin, receiver: Value, _ args: [Value], _ keywords: [(String, Value)]) throws -> Value {
        let params = b.parameters
        let variadicIndex = b.variadicIndex
        // Every parameter given positionally (`xs.append(x)`): the arguments are already bound.
        if keywords.isEmpty, variadicIndex == nil, args.count == params.count { return try run(b, receiver: receiver, args) }
        var values = [Value?](repeating: nil, count: params.count)
        var extra: [Value] = []
        for (i, a) in args.enumerated() {
            if let v = variadicIndex, i >= v { extra.append(a); continue }
            guard i < params.count else {
                throw ScriptError("\(b.name)() takes \(params.count) argument\(params.count == 1 ? "" : "s") but \(args.count) were given")
            }
            values[i] = a
        }
        if let v = variadicIndex { values[v] = .list(extra) }
        for (k, value) in keywords {
            guard let i = params.firstIndex(where: { $0.name == k }) else {
                throw ScriptError("\(b.name)() has no parameter named '\(k)'")
            }
            if values[i] != nil, i != variadicIndex { throw ScriptError("\(b.name)() got two values for parameter '\(k)'") }
            values[i] = value
        }
        var bound: [Value] = []
        bound.reserveCapacity(params.count)
        for (i, p) in params.enumerated() {
            if let v = values[i] { bound.append(v) } else if let d = p.defaultValue { bound.append(d) } else {
                throw ScriptError("\(b.name)() missing argument for parameter '\(p.name)'")
            }
        }
        return try run(b, receiver: receiver, bound)
    }

    /// Runs a built-in on arguments already bound to its parameters; host errors become script errors.
    @inline(__always)
    func run(_ b: Builtin, receiver: Value, _ bound: [Value]) throws -> Value {
        do {
            return try b.implementation(Arguments(values: bound, receiver: receiver, interpreter: self, builtin: b))
        } catch let e as ScriptError {
            throw e
        } catch {
            throw ScriptError(hostErrorMessage(error))
        }
    }
}

/// The message of an error thrown by host code (a binding), without Swift type noise.
func hostErrorMessage(_ error: Error) -> String {
    if let e = error as? LocalizedError, let d = e.errorDescription { return d }
    return String(describing: error)
}

/// glibc's `pthread_getattr_np` (the current thread's stack bounds), which Swift's Glibc module
/// does not import; looked up once by name.
private let threadAttributes: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32)? = {
    guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "pthread_getattr_np") else { return nil }
    return unsafeBitCast(sym, to: (@convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32).self)
}()
