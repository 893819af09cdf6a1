/// A notebook cell as `:cells` lists it.
public struct CellSummary: Equatable {
    /// 1-based number.
    public var number: Int
    /// Optional unique name.
    public var name: String?
    /// `md`, `code` or `params`.
    public var kind: String
    /// `not run`, `ran in 0.3 s`, `restored`, `failed`, ...
    public var status: String
    /// Line of the notebook file where the cell's header is.
    public var line: Int

    /// Makes a summary.
    public init(number: Int, name: String?, kind: String, status: String, line: Int) {
        self.number = number
        self.name = name
        self.kind = kind
        self.status = status
        self.line = line
    }
}

/// How stepping one cell ended.
public enum CellOutcome: Equatable {
    /// Executed, taking this many seconds.
    case ran(seconds: Double)
    /// Bindings and outputs restored from the cache without executing.
    case restored
    /// A Markdown cell: nothing to execute.
    case markdown
    /// Failed with a formatted error.
    case failed(String)
    /// Stopped by Ctrl-C.
    case interrupted
}

/// A notebook loaded in the REPL: its cells run one at a time through the notebook runner, with
/// the same cache and per-cell seeds as `segnb run`, in the REPL's environment.
public protocol NotebookStepper: AnyObject {
    /// The notebook's path.
    var path: String { get }
    /// Every cell with its current status.
    func cells() -> [CellSummary]
    /// A cell's source text, or nil when there is no such cell.
    func source(ofCell number: Int) -> String?
    /// The cells before `number` that it needs and that have not run yet, in order.
    func prerequisites(ofCell number: Int) -> [Int]
    /// Runs (or restores) one cell, emitting its outputs.
    func runCell(_ number: Int, emit: @escaping (DisplayItem) -> Void) -> CellOutcome
    /// Writes the HTML report of what has run so far and returns its path.
    func writeReport(to path: String?) throws -> String
}
