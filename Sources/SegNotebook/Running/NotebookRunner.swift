import Foundation

/// Runs a notebook's cells in order in one evaluator, restoring what the cache holds.
public final class NotebookRunner {
    let notebook: Notebook
    let evaluator: CellEvaluator
    let options: RunOptions
    let directory: URL
    let store: CacheStore

    /// Prepares a run; nothing executes until `run()`.
    public init(notebook: Notebook, evaluator: CellEvaluator, options: RunOptions = RunOptions()) {
        self.notebook = notebook
        self.evaluator = evaluator
        self.options = options
        let path = notebook.path ?? FileManager.default.currentDirectoryPath + "/notebook.segnb"
        self.directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        self.store = CacheStore(directory: options.cacheDirectory ?? CacheStore.defaultDirectory(forNotebook: path))
    }

    /// The directory of the cache in use.
    public var cacheDirectory: URL { store.directory }

    /// Runs every cell; throws only `ParamOverrideError` or `NotebookLoadError` (bad params), before anything runs.
    public func run() throws -> RunResult {
        let started = Date()
        let clock = ContinuousClock.now
        let parameters = try notebook.resolveParameters(overrides: options.parameterOverrides)
        let seedText = parameters.first { $0.name == "seed" }?.value.description ?? "0"
        let keys = CellKeyBuilder(notebookDirectory: directory, seedText: seedText)
        let runDeadline = options.runTimeout.map { clock + .milliseconds(Int64($0 * 1000)) }
        var producers: [String: BindingProducer] = [:]
        var results: [CellResult] = []
        var warnings: [String] = []
        var stopped = false
        var timedOut = false
        var manifest = KeyManifest()

        func warn(_ text: String) { warnings.append(text); options.progress("warning: \(text)") }

        for (name, value) in parameters {
            producers[name] = .param(value)
            do { try evaluator.bindParameter(name, value: value) } catch {
                warn("could not bind parameter \(name): \(error)")
            }
        }
        store.removeStaleTemporaries()
        let total = notebook.cells.count

        for cell in notebook.cells {
            let prefix = "[\(cell.number)/\(total)] \(cell.label)"
            switch cell.kind {
            case .markdown:
                results.append(CellResult(cell: cell, status: .markdown, outputs: [], cacheNote: nil, key: nil))
                continue
            case .params:
                results.append(CellResult(cell: cell, status: stopped ? .notRun : .ran(seconds: 0), outputs: [], cacheNote: nil, key: nil))
                continue
            case .code:
                break
            }
            if stopped {
                results.append(CellResult(cell: cell, status: .notRun, outputs: [], cacheNote: nil, key: nil))
                continue
            }

            let analysis: CellAnalysis
            do {
                analysis = try evaluator.analyze(cell.source)
            } catch {
                let report = errorReports(error, cell: cell)
                results.append(CellResult(cell: cell, status: .failed(seconds: 0), outputs: report, cacheNote: nil, key: nil))
                options.progress("\(prefix): failed (syntax error)")
                if !cell.options.allowError { stopped = true }
                continue
            }

            let parts = keys.parts(for: cell, reads: analysis.reads, producers: producers)
            let key = CacheHashing.key(parts)
            manifest.record(cell: cell, parts: parts)
            let cacheable = options.useCache && cell.options.cache

            if cacheable, let entry = lookUp(key: key, warn: warn) {
                if restore(entry, warn: warn) {
                    for name in entry.writes { producers[name] = .cell(label: cell.label, key: entry.effectiveKey) }
                    results.append(CellResult(cell: cell, status: .restored(seconds: entry.runSeconds), outputs: entry.outputs, cacheNote: nil, key: key))
                    options.progress("\(prefix): cached")
                    continue
                }
            }

            // Execute, bounded by the cell's and the run's time limits.
            let cellDeadline = cell.options.timeout.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
            if let runDeadline, ContinuousClock.now >= runDeadline {
                timedOut = true
                stopped = true
                results.append(CellResult(cell: cell, status: .notRun, outputs: [], cacheNote: nil, key: key))
                continue
            }
            let before = evaluator.mutationVersions()
            let sink = CollectingSink()
            evaluator.clearInterrupt()
            let watchdog = Watchdog(cellDeadline: cellDeadline, runDeadline: runDeadline) { [evaluator] in evaluator.interrupt() }
            let cellStart = ContinuousClock.now
            var failure: Error?
            do {
                try evaluator.evaluate(cell.source, context: CellContext(label: cell.label, seed: CacheHashing.cellSeed(notebookSeed: seedText, identity: CellKeyBuilder.identity(of: cell)), firstLine: cell.firstSourceLine, directory: directory.path), sink: sink)
            } catch {
                failure = error
            }
            let expired = watchdog.finish()
            evaluator.clearInterrupt()
            let seconds = Self.seconds(ContinuousClock.now - cellStart)

            let after = evaluator.mutationVersions()
            let written = Set(analysis.writes.filter { after[$0] != nil }).union(after.keys.filter { before[$0] != after[$0] })
            let writes = written.sorted()
            let files = sink.filesRead.map(FileFingerprint.current)
            let effectiveKey = CacheHashing.effectiveKey(key, files: files)
            for name in writes { producers[name] = .cell(label: cell.label, key: effectiveKey) }

            if let failure {
                var outputs = sink.outputs
                if let expired, (failure as? CellFailure)?.isInterruption ?? true {
                    let limit = expired == .cell ? "the cell's timeout of \(Self.format(cell.options.timeout ?? 0)) s" : "the run's time limit of \(Self.format(options.runTimeout ?? 0)) s"
                    outputs.append(.error(CellErrorReport(message: "interrupted: \(limit) was reached", cellLabel: cell.label, line: nil, column: nil, sourceLine: nil)))
                    if expired == .run { timedOut = true; stopped = true }
                } else {
                    outputs += errorReports(failure, cell: cell)
                }
                results.append(CellResult(cell: cell, status: .failed(seconds: seconds), outputs: outputs, cacheNote: nil, key: key))
                options.progress("\(prefix): failed after \(Self.format(seconds)) s")
                if !cell.options.allowError { stopped = true }
                continue
            }

            var note: String?
            if !options.useCache {
                note = "not cached (--no-cache)"
            } else if !cell.options.cache {
                note = "not cached (cache=false)"
            } else {
                note = save(key: key, cell: cell, seconds: seconds, writes: writes, files: files, parts: parts, outputs: sink.outputs, warn: warn)
            }
            results.append(CellResult(cell: cell, status: .ran(seconds: seconds), outputs: sink.outputs, cacheNote: note, key: key))
            options.progress("\(prefix): \(Self.format(seconds)) s")
        }

        if options.useCache { manifest.save(in: store, notebookPath: notebook.path) }
        return RunResult(notebook: notebook, parameters: parameters, seed: seedText, startedAt: started,
                         totalSeconds: Self.seconds(ContinuousClock.now - clock), cells: results, warnings: warnings,
                         version: options.version, timedOut: timedOut)
    }

    /// A valid entry whose recorded data files are unchanged, or nil.
    func lookUp(key: String, warn: (String) -> Void) -> CacheEntry? {
        switch store.load(key: key) {
        case .miss: return nil
        case .dropped(let reason): warn(reason + "; recomputing"); return nil
        case .hit(let entry):
            let stale = entry.files.first { FileFingerprint.current($0.path) != $0 }
            return stale == nil ? entry : nil
        }
    }

    /// Restores an entry's bindings; on failure the entry is dropped and the cell runs instead.
    func restore(_ entry: CacheEntry, warn: (String) -> Void) -> Bool {
        do {
            for binding in entry.bindings { try evaluator.restoreBinding(binding.name, from: binding.data) }
            return true
        } catch {
            try? FileManager.default.removeItem(at: store.url(forKey: entry.key))
            warn("could not restore \(entry.cellLabel) from the cache (\(error)); recomputing")
            return false
        }
    }

    /// Stores the cell's written bindings and outputs; returns a note when they cannot be stored.
    func save(key: String, cell: Cell, seconds: Double, writes: [String], files: [FileFingerprint], parts: [KeyPart],
              outputs: [RichOutput], warn: (String) -> Void) -> String? {
        var bindings: [(name: String, data: Data)] = []
        for name in writes {
            do {
                bindings.append((name: name, data: try evaluator.storeBinding(name)))
            } catch let error as ValueNotStorable {
                return "not cached: `\(error.name)` cannot be stored (\(error.reason)); this cell re-runs every time"
            } catch {
                return "not cached: `\(name)` cannot be stored (\(error)); this cell re-runs every time"
            }
        }
        let entry = CacheEntry(key: key, cellLabel: cell.label, runSeconds: seconds, writes: writes, files: files,
                               keyParts: parts, outputs: outputs, bindings: bindings)
        do {
            try store.save(entry)
            return nil
        } catch {
            warn("could not write the cache entry of \(cell.label): \(error)")
            return "not cached: the entry could not be written"
        }
    }

    /// Error outputs with notebook-file lines, one per reported problem.
    func errorReports(_ error: Error, cell: Cell) -> [RichOutput] {
        guard let failure = error as? CellFailure else {
            return [.error(CellErrorReport(message: "\(error)", cellLabel: cell.label, line: nil, column: nil, sourceLine: nil))]
        }
        return ([failure] + failure.more).map { item in
            .error(CellErrorReport(message: item.message, cellLabel: cell.label,
                                   line: item.line.map(cell.notebookLine(forSourceLine:)), column: item.column,
                                   sourceLine: item.line.flatMap(cell.sourceLine), stack: item.stack))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func format(_ seconds: Double) -> String {
        seconds < 10 ? String(format: "%.2f", seconds) : String(format: "%.1f", seconds)
    }
}
