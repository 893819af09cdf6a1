import Foundation
import SegScript

/// Runs a notebook's cells in order in one evaluator, restoring what the cache holds.
/// `run()` does the whole notebook; `runCell(number:)` steps one cell (the REPL's `:next` and `:run`).
public final class NotebookRunner {
    let notebook: Notebook
    let evaluator: CellEvaluator
    let options: RunOptions
    let directory: URL
    let store: CacheStore
    /// Content fingerprints of the data files cells read, recognised by their `stat` between runs.
    let dataFiles: DataFileIndex

    private var prepared = false
    private var parameters: [(name: String, value: ParamValue)] = []
    private var seedText = "0"
    private var producers: [String: BindingProducer] = [:]
    private var results: [Int: CellResult] = [:]
    private var warnings: [String] = []
    private var manifest = KeyManifest()
    private var startedAt = Date()
    private var clockStart = ContinuousClock.now
    private var runDeadline: ContinuousClock.Instant?
    private var timedOut = false
    /// Made by `stop()` from another thread: the user asked the run to stop.
    private let stopRequest: StopRequest
    /// Why the cache folder cannot take entries (said once, then each cell notes it).
    private var cacheUnwritable: String?

    /// Prepares a run; nothing executes until `prepare()`, `run()` or `runCell(number:)`.
    public init(notebook: Notebook, evaluator: CellEvaluator, options: RunOptions = RunOptions()) {
        self.notebook = notebook
        self.evaluator = evaluator
        self.stopRequest = StopRequest(evaluator: evaluator)
        self.options = options
        let path = notebook.path ?? FileManager.default.currentDirectoryPath + "/notebook.segnb"
        self.directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        self.store = CacheStore(directory: options.cacheDirectory ?? CacheStore.defaultDirectory(forNotebook: path))
        self.dataFiles = options.useCache ? DataFileIndex(cacheDirectory: store.directory) : DataFileIndex(url: nil)
    }

    /// The directory of the cache in use.
    public var cacheDirectory: URL { store.directory }

    /// Resolves the params (defaults and `-p` overrides) and binds them; throws `ParamOverrideError` or
    /// `NotebookLoadError` before anything runs. Called by `run()` and `runCell` when needed.
    public func prepare() throws {
        guard !prepared else { return }
        startedAt = Date()
        clockStart = ContinuousClock.now
        runDeadline = TimeLimit.deadline(after: options.runTimeout, from: clockStart)
        parameters = try notebook.resolveParameters(overrides: options.parameterOverrides)
        seedText = parameters.first { $0.name == "seed" }?.value.description ?? "0"
        // An implicit `seed` (given with -p but not declared) only seeds the cells' streams:
        // binding it would hide the built-in `seed(n)`.
        let declared = Set(try notebook.parameters().map(\.name))
        for (name, value) in parameters where declared.contains(name) {
            producers[name] = .param(value)
            do { try evaluator.bindParameter(name, value: value) } catch {
                warn("could not bind parameter \(name): \(ErrorText.describe(error))")
            }
        }
        if options.useCache, writesCache {
            // A folder of someone else's files is refused before anything runs; a folder that
            // cannot be created only costs the caching.
            do {
                try store.prepareForWriting()
                store.removeStaleTemporaries()
            } catch let refusal as CacheFolderRefusal where refusal.isForeignFolder {
                throw refusal
            } catch {
                cacheUnwritable = ErrorText.describe(error)
                warn("\(ErrorText.describe(error)); results are not cached")
            }
        }
        prepared = true
    }

    /// Runs every cell in order, stopping at the first failure unless the cell allows errors.
    public func run() throws -> RunResult {
        defer { stopRequest.finish() }
        try prepare()
        var stopped = false
        for cell in notebook.cells {
            if stopped {
                if cell.kind != .markdown { results[cell.number] = CellResult(cell: cell, status: .notRun, outputs: [], cacheNote: nil, key: nil) }
                continue
            }
            let result = try runCell(number: cell.number)
            if case .failed = result.status, !cell.options.allowError || stopRequested { stopped = true }
            if timedOut { stopped = true }
        }
        return currentResult()
    }

    /// Asks the run to stop (Ctrl-C): the running cell is interrupted and fails, and no later
    /// cell runs. Safe from any thread; a request that arrives between two cells interrupts the
    /// next one instead of being lost.
    public func stop() { stopRequest.request() }

    private var stopRequested: Bool { stopRequest.isRequested }

    /// Clears the evaluator's interruption (a watchdog's, or one left over), unless the user stopped the run.
    private func clearInterruptUnlessStopped() { stopRequest.clearEvaluatorUnlessRequested() }

    /// Runs or restores one cell (by 1-based number) in the shared environment and records its result.
    public func runCell(number: Int) throws -> CellResult {
        try prepare()
        guard number >= 1, number <= notebook.cells.count else {
            throw ParamOverrideError(message: "no cell \(number): the notebook has \(notebook.cells.count) cells")
        }
        let cell = notebook.cells[number - 1]
        let result = execute(cell)
        results[cell.number] = result
        if cell.kind == .code, options.useCache, writesCache, !options.cachedOnly {
            manifest.save(in: store, notebookPath: notebook.path)
            dataFiles.save()
        }
        return result
    }

    /// The code cells before `number` that it needs (by the static read/write analysis) and that
    /// have neither run nor been restored yet, in notebook order.
    public func prerequisites(ofCell number: Int) -> [Int] {
        let done = Set(results.values.filter { result in
            switch result.status {
            case .ran, .restored: return true
            case .markdown, .failed, .notRun: return false
            }
        }.map(\.cell.number))
        return CellDependencies.prerequisites(of: number, in: notebook, done: done) { [evaluator] in try? evaluator.analyze($0) }
    }

    /// The results so far: cells not yet run are `notRun` (Markdown cells are always rendered).
    public func currentResult() -> RunResult {
        let cells = notebook.cells.map { cell in
            results[cell.number] ?? CellResult(cell: cell, status: cell.kind == .markdown ? .markdown : .notRun, outputs: [], cacheNote: nil, key: nil)
        }
        return RunResult(notebook: notebook, parameters: parameters, seed: seedText, startedAt: startedAt,
                         totalSeconds: Self.seconds(ContinuousClock.now - clockStart), cells: cells, warnings: warnings,
                         version: options.version, timedOut: timedOut)
    }

    private func warn(_ text: String) {
        warnings.append(text)
        options.progress("warning: \(text)")
    }

    private func execute(_ cell: Cell) -> CellResult {
        let prefix = "[\(cell.number)/\(notebook.cells.count)] \(cell.label)"
        switch cell.kind {
        case .markdown: return CellResult(cell: cell, status: .markdown, outputs: [], cacheNote: nil, key: nil)
        case .params: return CellResult(cell: cell, status: .ran(seconds: 0), outputs: [], cacheNote: nil, key: nil)
        case .code: break
        }

        let analysis: CellAnalysis
        do {
            analysis = try evaluator.analyze(cell.source)
        } catch {
            options.progress("\(prefix): failed (syntax error)")
            return CellResult(cell: cell, status: .failed(seconds: 0), outputs: errorReports(error, cell: cell), cacheNote: nil, key: nil)
        }

        let identity = CellKeyBuilder.identity(of: cell)
        let parts = CellKeyBuilder(notebookDirectory: directory, seedText: seedText).parts(for: cell, reads: analysis.reads, producers: producers)
        let key = CacheHashing.key(parts)
        manifest.record(cell: cell, parts: parts)

        if options.cachedOnly { return planFromCache(cell, key: key, writes: analysis.writes, prefix: prefix) }
        let cached: CacheEntry?
        do {
            cached = options.useCache && cell.options.cache ? try agreedEntry(key: key, cell: cell) : nil
        } catch {
            options.progress("\(prefix): failed (cache)")
            return CellResult(cell: cell, status: .failed(seconds: 0), outputs: errorReports(error, cell: cell), cacheNote: nil, key: key)
        }
        if let entry = cached {
            for name in entry.writes { producers[name] = .cell(label: cell.label, key: entry.effectiveKey) }
            options.progress("\(prefix): cached")
            return CellResult(cell: cell, status: .restored(seconds: entry.runSeconds), outputs: entry.outputs, cacheNote: nil, key: key)
        }

        if let runDeadline, ContinuousClock.now >= runDeadline {
            timedOut = true
            return CellResult(cell: cell, status: .notRun, outputs: [], cacheNote: nil, key: key)
        }
        // Execute, bounded by the cell's and the run's time limits.
        let cellDeadline = TimeLimit.deadline(after: cell.options.timeout, from: ContinuousClock.now)
        let before = evaluator.mutationVersions()
        let sink = CellOutputCollector()
        clearInterruptUnlessStopped()
        let watchdog = Watchdog(cellDeadline: cellDeadline, runDeadline: runDeadline) { [evaluator] in evaluator.interrupt() }
        let cellStart = ContinuousClock.now
        let context = CellContext(label: cell.label, seed: CacheHashing.cellSeed(notebookSeed: seedText, identity: identity),
                                  firstLine: cell.firstSourceLine, directory: directory.path)
        var failure: Error?
        let stream = ForwardingSink(sink) { [options] output in options.cellOutput(cell, output) }
        do { try evaluator.evaluate(cell.source, context: context, sink: stream) } catch { failure = error }
        let expired = watchdog.finish()
        clearInterruptUnlessStopped()
        let seconds = Self.seconds(ContinuousClock.now - cellStart)

        // What the cell wrote: static writes that got bound, plus every binding whose value changed (mutation).
        let after = evaluator.mutationVersions()
        let writes = Set(analysis.writes.filter { after[$0] != nil }).union(after.keys.filter { before[$0] != after[$0] }).sorted()
        let files = sink.filesRead.map(dataFiles.fingerprint)
        let effectiveKey = CacheHashing.effectiveKey(key, files: files)
        for name in writes { producers[name] = .cell(label: cell.label, key: effectiveKey) }

        if let failure {
            var outputs = sink.outputs
            if let expired, (failure as? CellFailure)?.isInterruption ?? true {
                let limit = expired == .cell ? "the cell's timeout of \(Self.format(cell.options.timeout ?? 0)) s"
                                             : "the run's time limit of \(Self.format(options.runTimeout ?? 0)) s"
                outputs.append(.error(LocatedDiagnostic(message: "interrupted: \(limit) was reached", source: cell.label)))
                if expired == .run { timedOut = true }
            } else {
                outputs += errorReports(failure, cell: cell)
            }
            options.progress("\(prefix): failed after \(Self.format(seconds)) s")
            return CellResult(cell: cell, status: .failed(seconds: seconds), outputs: outputs, cacheNote: nil, key: key)
        }

        let note: String?
        if !options.useCache {
            note = "not cached (--no-cache)"
        } else if !cell.options.cache {
            note = "not cached (cache=false)"
        } else if !writesCache {
            note = nil
        } else if cacheUnwritable != nil {
            note = "not cached: the cache folder cannot be written"
        } else {
            note = save(key: key, cell: cell, seconds: seconds, writes: writes, files: files, parts: parts, outputs: sink.outputs)
        }
        options.progress("\(prefix): \(Self.format(seconds)) s")
        return CellResult(cell: cell, status: .ran(seconds: seconds), outputs: sink.outputs, cacheNote: note, key: key)
    }

    /// A cell's cached result without restoring its bindings; without one, the cell did not run and
    /// its static writes stand for it in the keys of the cells after it (as `segnb explain` plans).
    private func planFromCache(_ cell: Cell, key: String, writes: Set<String>, prefix: String) -> CellResult {
        if options.useCache, cell.options.cache, let entry = lookUp(key: key) {
            for name in entry.writes { producers[name] = .cell(label: cell.label, key: entry.effectiveKey) }
            options.progress("\(prefix): cached")
            return CellResult(cell: cell, status: .restored(seconds: entry.runSeconds), outputs: entry.outputs, cacheNote: nil, key: key)
        }
        for name in writes { producers[name] = .cell(label: cell.label, key: key) }
        options.progress("\(prefix): no cached result")
        return CellResult(cell: cell, status: .notRun, outputs: [], cacheNote: "no cached result", key: key)
    }

    /// A valid entry whose recorded data files are unchanged, or nil.
    func lookUp(key: String) -> CacheEntry? {
        switch store.load(key: key) {
        case .miss: return nil
        case .dropped(let reason): warn(reason + "; recomputing"); return nil
        case .hit(let entry): return entry.files.allSatisfy { dataFiles.fingerprint($0.path) == $0 } ? entry : nil
        }
    }

    /// Restores an entry's bindings; on failure the entry is dropped and the cell runs instead.
    func restore(_ entry: CacheEntry) -> Bool {
        do {
            try evaluator.restoreBindings(entry.bindings)
            return true
        } catch {
            if writesCache { try? FileManager.default.removeItem(at: store.url(forKey: entry.key)) }
            warn("could not restore \(entry.cellLabel) from the cache (\(ErrorText.describe(error))); recomputing")
            return false
        }
    }

    /// Stores the cell's written bindings and outputs; returns a note when they cannot be stored.
    private func save(key: String, cell: Cell, seconds: Double, writes: [String], files: [FileFingerprint], parts: [KeyPart],
                      outputs: [CellOutput]) -> String? {
        let bindings: [(name: String, data: Data)]
        do {
            bindings = try evaluator.storeBindings(writes)
        } catch let error as ValueNotStorable {
            return "not cached: `\(error.name)` cannot be stored (\(error.reason)); this cell re-runs every time"
        } catch {
            return "not cached: the cell's bindings cannot be stored (\(ErrorText.describe(error))); this cell re-runs every time"
        }
        let entry = CacheEntry(key: key, cellLabel: cell.label, runSeconds: seconds, writes: writes, files: files,
                               keyParts: parts, outputs: outputs, bindings: bindings)
        do {
            try store.save(entry)
            return nil
        } catch {
            warn("could not write the cache entry of \(cell.label) in \(store.directory.path): \(ErrorText.describe(error))")
            return "not cached: the entry could not be written"
        }
    }

    /// Error outputs with notebook-file lines, one per reported problem.
    private func errorReports(_ error: Error, cell: Cell) -> [CellOutput] {
        guard let failure = error as? CellFailure else {
            return [.error(LocatedDiagnostic(message: ErrorText.describe(error), source: cell.label))]
        }
        return failure.located(source: cell.label, text: cell.source, firstLine: cell.firstSourceLine).map(CellOutput.error)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ seconds: Double) -> String {
        seconds < 10 ? String(format: "%.2f", seconds) : String(format: "%.1f", seconds)
    }
}
