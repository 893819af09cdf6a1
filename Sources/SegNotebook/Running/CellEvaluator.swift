import Foundation
import SegScript

/// The names a chunk of source reads from and writes to the global environment, by static analysis.
public struct CellAnalysis: Sendable, Equatable {
    /// Global names the chunk may read before writing them.
    public var reads: Set<String>
    /// Global names the chunk may bind or assign.
    public var writes: Set<String>

    /// Creates an analysis.
    public init(reads: Set<String>, writes: Set<String>) { self.reads = reads; self.writes = writes }
}

/// A failure of a chunk: a syntax error, a run-time error, or an interruption.
/// Lines and columns are 1-based within the chunk's source; the runner maps them to notebook lines.
public struct CellFailure: Error, Sendable, Equatable {
    /// The message, without location.
    public var message: String
    /// The 1-based line within the chunk, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// How many Unicode scalars of the line the failing span covers.
    public var length: Int
    /// The function-call stack, innermost first.
    public var stack: [String]
    /// Whether the failure is the interruption the runner asked for (a timeout).
    public var isInterruption: Bool
    /// Further syntax errors found in the same chunk, after this one.
    public var more: [CellFailure]

    /// Creates a failure.
    public init(message: String, line: Int? = nil, column: Int? = nil, length: Int = 1, stack: [String] = [],
                isInterruption: Bool = false, more: [CellFailure] = []) {
        self.message = message; self.line = line; self.column = column; self.length = length; self.stack = stack
        self.isInterruption = isInterruption; self.more = more
    }

    /// This failure and every further one as diagnostics about `source` (a path or a cell label),
    /// whose line `firstLine` is the chunk's first line; `text` is the chunk, for the quoted lines.
    public func located(source: String, text: String, firstLine: Int = 1) -> [LocatedDiagnostic] {
        ([self] + more).map { item in
            LocatedDiagnostic(message: item.message, source: source, line: item.line.map { firstLine + max($0, 1) - 1 },
                              column: item.column, length: item.length,
                              sourceLine: item.line.flatMap { CaretUnderline.line($0, of: text) }, notes: item.stack)
        }
    }
}

/// A value that cannot be written to the cache (a function, an open file, ...), with the reason.
public struct ValueNotStorable: Error, Sendable, Equatable {
    /// The binding's name.
    public var name: String
    /// Why it cannot be stored.
    public var reason: String

    /// Creates the error.
    public init(name: String, reason: String) { self.name = name; self.reason = reason }
}

/// Where a running chunk sends what it shows, and reports the data files it reads.
public protocol CellOutputSink: AnyObject {
    /// Appends an output (printed text, a displayed value, a table, a chart, images, Markdown).
    func emit(_ output: CellOutput)
    /// Records that the chunk read a file (a dataset's frames, or a file a built-in such as
    /// `load`, `image.read` or `nn.load` read): it joins the cache key, fingerprinted by content.
    func recordFileRead(_ path: String)
}

/// What the runner tells the evaluator about the chunk it evaluates.
public struct CellContext: Sendable, Equatable {
    /// How errors name the chunk (`cell 3 "train"`).
    public var label: String
    /// The seed of the chunk's own random stream (from the notebook seed and the cell's identity).
    public var seed: UInt64
    /// The notebook-file line of the chunk's first line.
    public var firstLine: Int
    /// The notebook's directory, against which relative paths resolve.
    public var directory: String
    /// Whether the value of the last expression is displayed (cells, REPL lines); a script shows
    /// only what it prints and `show()`s.
    public var displaysLastValue: Bool

    /// Creates a context.
    public init(label: String, seed: UInt64, firstLine: Int, directory: String, displaysLastValue: Bool = true) {
        self.label = label; self.seed = seed; self.firstLine = firstLine; self.directory = directory
        self.displaysLastValue = displaysLastValue
    }
}

/// The language runtime as the notebook runner needs it: one persistent environment.
/// `ScriptCellEvaluator` conforms to this over SegScript's interpreter (SegCLI registers
/// SegBindings' built-ins into it); tests use a fake.
public protocol CellEvaluator: AnyObject {
    /// Reads and writes of global names; throws `CellFailure` with every syntax error.
    func analyze(_ source: String) throws -> CellAnalysis
    /// Evaluates the chunk in the environment, sending outputs (the last value's display included) to `sink`.
    /// Throws `CellFailure`; after a failure the environment keeps what ran.
    func evaluate(_ source: String, context: CellContext, sink: CellOutputSink) throws
    /// Binds a parameter as a global constant.
    func bindParameter(_ name: String, value: ParamValue) throws
    /// For every global binding, a token that changes whenever the value, or anything reachable
    /// from it, is mutated or rebound (version counters of lists, dicts, tensors, layers, ...).
    func mutationVersions() -> [String: UInt64]
    /// Serializes a global binding; throws `ValueNotStorable` for values that cannot be stored.
    func storeBinding(_ name: String) throws -> Data
    /// Restores a global binding from `storeBinding`'s bytes.
    func restoreBinding(_ name: String, from data: Data) throws
    /// Serializes the bindings a cell wrote together, so values they share (with each other or
    /// with bindings of earlier cells) stay shared once restored; one entry per name. Throws
    /// `ValueNotStorable` naming the first binding that cannot be stored.
    func storeBindings(_ names: [String]) throws -> [(name: String, data: Data)]
    /// Restores what `storeBindings` gave, after the cells before have been restored or run.
    func restoreBindings(_ bindings: [(name: String, data: Data)]) throws
    /// Asks the running evaluation to stop soon with an interruption failure; safe from any thread.
    func interrupt()
    /// Clears a pending interruption before the next evaluation.
    func clearInterrupt()
}

public extension CellEvaluator {
    /// Each binding on its own (`storeBinding`), for evaluators without shared values.
    func storeBindings(_ names: [String]) throws -> [(name: String, data: Data)] {
        try names.map { (name: $0, data: try storeBinding($0)) }
    }

    /// Each binding on its own (`restoreBinding`).
    func restoreBindings(_ bindings: [(name: String, data: Data)]) throws {
        for binding in bindings { try restoreBinding(binding.name, from: binding.data) }
    }
}
