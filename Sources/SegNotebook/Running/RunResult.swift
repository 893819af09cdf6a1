import Foundation

/// What happened to a cell in a run.
public enum CellStatus: Sendable, Equatable {
    /// A Markdown cell, rendered.
    case markdown
    /// Executed, taking this many seconds.
    case ran(seconds: Double)
    /// Restored from the cache without executing (it first took `seconds`).
    case restored(seconds: Double)
    /// Executed and failed after this many seconds.
    case failed(seconds: Double)
    /// Not reached: an earlier cell failed or the run's time ran out.
    case notRun
}

/// One cell's result: status, outputs in order, and a note about caching.
public struct CellResult: Sendable, Equatable {
    /// The cell.
    public var cell: Cell
    /// What happened.
    public var status: CellStatus
    /// Outputs in the order produced (an error output last when it failed).
    public var outputs: [CellOutput]
    /// Why the cell was not cached, when it was not (a value that cannot be stored, cache=false, --no-cache).
    public var cacheNote: String?
    /// The cell's cache key, when it is a code cell that was considered.
    public var key: String?

    /// Creates a cell result.
    public init(cell: Cell, status: CellStatus, outputs: [CellOutput], cacheNote: String?, key: String?) {
        self.cell = cell; self.status = status; self.outputs = outputs; self.cacheNote = cacheNote; self.key = key
    }
}

/// The result of running a notebook: everything the report and the exit status need.
public struct RunResult: Sendable {
    /// The notebook that ran.
    public var notebook: Notebook
    /// Parameter values used, in declaration order (overrides applied).
    public var parameters: [(name: String, value: ParamValue)]
    /// The notebook seed as text (the `seed` param, default 0).
    public var seed: String
    /// When the run started.
    public var startedAt: Date
    /// Wall-clock seconds for the whole run.
    public var totalSeconds: Double
    /// One result per cell, in order.
    public var cells: [CellResult]
    /// Warnings (dropped corrupt entries, cache write failures).
    public var warnings: [String]
    /// The software version, for the report header.
    public var version: String
    /// Whether the run's own time limit stopped it.
    public var timedOut: Bool

    /// Creates a run result (the runner makes these; the REPL may assemble one for `:report`).
    public init(notebook: Notebook, parameters: [(name: String, value: ParamValue)], seed: String, startedAt: Date,
                totalSeconds: Double, cells: [CellResult], warnings: [String], version: String, timedOut: Bool) {
        self.notebook = notebook; self.parameters = parameters; self.seed = seed; self.startedAt = startedAt
        self.totalSeconds = totalSeconds; self.cells = cells; self.warnings = warnings; self.version = version; self.timedOut = timedOut
    }

    /// Cells executed (ran or failed).
    public var executedCount: Int { cells.filter { $0.cell.kind == .code }.filter { if case .ran = $0.status { return true }; if case .failed = $0.status { return true }; return false }.count }
    /// Cells restored from the cache.
    public var restoredCount: Int { cells.filter { if case .restored = $0.status { return true }; return false }.count }
    /// Cells that failed.
    public var failedCells: [CellResult] { cells.filter { if case .failed = $0.status { return true }; return false } }

    /// The process exit status: 0 when every cell ran or was restored (failures in `allow_error` cells
    /// included, since the notebook expects them), 1 when a cell failed or the run timed out.
    /// (2, for usage errors and unreadable notebooks, is the command line's.)
    public var exitStatus: Int32 {
        if timedOut { return 1 }
        return failedCells.contains { !$0.cell.options.allowError } ? 1 : 0
    }
}

/// How to run a notebook.
public struct RunOptions {
    /// `-p NAME=VALUE` overrides, raw.
    public var parameterOverrides: [String] = []
    /// `--no-cache` turns this off.
    public var useCache: Bool = true
    /// `--cache-dir`; nil means `.segnb-cache/` beside the notebook.
    public var cacheDirectory: URL?
    /// `--timeout`: seconds for the whole run.
    public var runTimeout: Double?
    /// Receives a progress line per cell (and warnings); the CLI writes them to stderr unless `--quiet`.
    public var progress: (String) -> Void = { _ in }
    /// Receives each output of an executing cell as it is produced (not those restored from the
    /// cache), so a long cell's prints can be shown while it runs.
    public var cellOutput: (Cell, CellOutput) -> Void = { _, _ in }
    /// Plans the run from the cache without executing or restoring anything (`segnb export`): a
    /// cell with a cached result gets its stored outputs, any other is `notRun`.
    public var cachedOnly: Bool = false
    /// The software version shown in the report.
    public var version: String = "segnb 0.1"
    /// Set on every rank of a data-parallel run: rank 0 alone writes the cache, and its
    /// decision to restore a cell is followed by every rank. Nil in a single process.
    public var ranks: RankCoordination?

    /// Default options.
    public init() {}
}
