/// How the evaluation of one chunk ended.
public enum EvaluationOutcome: Equatable {
    /// Ran to the end (its outputs were emitted).
    case completed
    /// A syntax or run-time error, already formatted with location, source line, caret and stack.
    case failed(String)
    /// Stopped by `interrupt()`; every binding made before the interruption is kept.
    case interrupted
}

/// What the user is completing, as the REPL's completer worked it out from the line.
public enum CompletionRequest: Equatable {
    /// A variable, function, built-in, module or keyword starting with `prefix`.
    case name(prefix: String)
    /// A member of `receiver` (a dotted name path such as `["camvid"]` or `["ds"]`) starting with
    /// `prefix`: module members for a module, methods and properties of the bound value's type
    /// otherwise. The receiver is looked up, never evaluated.
    case member(receiver: [String], prefix: String)
}

/// A binding listed by `:vars`.
public struct VariableSummary: Equatable {
    /// Binding name.
    public var name: String
    /// The value's type name (`type(x)`).
    public var type: String
    /// Shape for tensors (`[3, 192, 256]`), length for collections, empty otherwise.
    public var shape: String
    /// Approximate size in memory, in bytes.
    public var bytes: Int

    /// Makes a summary.
    public init(name: String, type: String, shape: String = "", bytes: Int = 0) {
        self.name = name
        self.type = type
        self.shape = shape
        self.bytes = bytes
    }
}

/// The language as the REPL drives it: one persistent environment that chunks are evaluated in.
public protocol ReplEngine: AnyObject {
    /// Evaluates a complete chunk in the persistent environment, emitting outputs as they happen.
    func evaluate(_ source: String, emit: @escaping (DisplayItem) -> Void) -> EvaluationOutcome
    /// Asks a running `evaluate` to stop; safe to call from another thread at any time.
    func interrupt()
    /// Candidate completions (full names, not only the missing part) for a request.
    func completions(for request: CompletionRequest) -> [String]
    /// Documentation of a built-in or module, or nil when the name is unknown; with a nil name,
    /// an overview of the built-ins.
    func help(_ name: String?) -> String?
    /// Current bindings with type, shape and size.
    func variables() -> [VariableSummary]
    /// Drops every binding, as at start-up.
    func reset()
    /// Loads a notebook for stepping; its cells run in this engine's environment.
    func openNotebook(at path: String) throws -> NotebookStepper
}
