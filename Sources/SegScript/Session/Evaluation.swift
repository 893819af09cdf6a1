import Foundation

/// Evaluating chunks of source in the persistent environment: what scripts, notebook cells and
/// REPL lines all go through.
extension Interpreter {
    /// Every syntax error of `source`, without running anything (`segnb check`).
    public static func check(_ source: SourceFile) -> [Diagnostic] {
        guard LargeStack.isCurrentThreadLarge else { return (try? LargeStack.run { check(source) }) ?? [] }
        return Parser.parse(source).1
    }

    /// Parses, compiles and runs `source` with the globals left by earlier chunks. Returns the
    /// value of the last statement when it is an expression (`nil` otherwise), for display.
    /// Throws a `ScriptError`: `.syntax` with every syntax error, `.runtime` with place and call
    /// stack, or `.interrupted`. Globals defined before the failure stay defined.
    @discardableResult
    public func evaluate(_ source: SourceFile) throws -> Value {
        // Every chunk compiles and runs on a large stack, whoever calls (long chains make tall trees).
        guard LargeStack.isCurrentThreadLarge else { return try LargeStack.run { try self.evaluate(source) } }
        let (block, diagnostics) = Parser.parse(source)
        if !diagnostics.isEmpty { throw ScriptError(kind: .syntax, diagnostics: diagnostics) }
        let scope = Resolver.resolveChunk(block)
        let info = Compiler(interpreter: self).compileChunk(block, scope: scope)
        let outermost = depth == 0
        if outermost {
            interruption.clear()
            measureNativeStack()
            unwind = .none
        }
        let chunk = Closure(info: info, captures: [])
        return try callClosure(chunk, [])
    }

    /// Evaluates source text named `name` (a convenience over `evaluate(_:)`).
    @discardableResult
    public func evaluate(_ text: String, name: String = "<input>", lineOffset: Int = 0) throws -> Value {
        try evaluate(SourceFile(name: name, text: text, lineOffset: lineOffset))
    }

    /// Runs a `.seg` script: like `evaluate`, but its last value is not displayed.
    public func runScript(_ source: SourceFile) throws { _ = try evaluate(source) }

    /// The value of a global, or nil when it is not defined.
    public func global(_ name: String) -> Value? {
        guard let c = globals[name], c.isDefined else { return registry.initialValue(of: name) }
        return c.value
    }

    /// Defines (or redefines) a global, as a top-level `let` (constant) or `var` would.
    public func setGlobal(_ name: String, _ value: Value, constant: Bool = false) {
        let c = globalCell(name)
        c.value = value
        c.isDefined = true
        c.isConst = constant
        c.definingSource = nil
    }

    /// Whether a global was declared with `let` (restore it with `setGlobal(_:_:constant: true)`).
    public func isConstantGlobal(_ name: String) -> Bool { globals[name]?.isConst ?? false }

    /// Removes a user global (a built-in of the same name becomes visible again).
    public func removeGlobal(_ name: String) {
        guard let c = globals[name] else { return }
        if let v = registry.initialValue(of: name) {
            c.value = v
            c.isDefined = true
        } else {
            c.value = .null
            c.isDefined = false
        }
        c.isConst = false
        c.definingSource = nil
    }

    /// Names the programs defined (built-ins excluded unless redefined), sorted.
    public var userGlobalNames: [String] {
        globals.values.filter { c in
            guard c.isDefined else { return false }
            if let initial = registry.initialValue(of: c.name) { return !sameBuiltin(c.value, initial) }
            return true
        }.map(\.name).sorted()
    }

    private func sameBuiltin(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.builtin(let x), .builtin(let y)): return x.builtin.name == y.builtin.name && x.builtin.module == y.builtin.module
        case (.object(let x), .object(let y)): return (x as? ModuleObject)?.name == (y as? ModuleObject)?.name && x is ModuleObject
        default: return valuesEqual(a, b)
        }
    }

    /// The source of the `fn` declaration that defined a global function, for re-running it.
    public func definingSource(of name: String) -> String? { globals[name]?.definingSource }

    /// Forgets every user global (`:reset`).
    public func reset() { for name in userGlobalNames { removeGlobal(name) } }

    /// Reseeds the language's random stream (the runner derives a seed per cell).
    public func seed(_ seed: UInt64) { random.reseed(seed) }
}

/// Runs work on a thread with a large stack, so deep (but bounded) Seg recursion and the walks
/// over long syntax trees never hit the native stack limit. Scripts, notebook cells, REPL lines
/// and `check` go through this. The stack is reserved address space: untouched pages cost nothing.
public enum LargeStack {
    /// The stack of an evaluation thread: 512 MB.
    public static let defaultSize = 512 << 20

    private static let largeStackKey = "segnb.LargeStack"

    /// Whether the calling thread is one that `run` started.
    public static var isCurrentThreadLarge: Bool { Thread.current.threadDictionary[largeStackKey] as? Bool == true }

    /// Runs `body` on a new thread with `stackSize` bytes of stack and waits for its result.
    public static func run<T>(stackSize: Int = defaultSize, _ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Thread.current.threadDictionary[largeStackKey] = true
            box.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let result = box.result else { throw ScriptError("evaluation thread produced no result") }
        return try result.get()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
