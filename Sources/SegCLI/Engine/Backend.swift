import Foundation
import SegBindings
import SegNotebook
import SegTensor

/// The engines behind each command.
enum Backend {
    /// A fresh language session for the REPL.
    /// Notebooks loaded in it run with `notebookRunOptions(path)`.
    static func makeReplEngine(notebookRunOptions: @escaping (String) -> RunOptions = { _ in RunOptions() }) -> ReplEngine {
        Language.makeReplEngine(notebookRunOptions: notebookRunOptions)
    }

    /// A fresh evaluator for the notebook runner.
    static func makeCellEvaluator() -> CellEvaluator {
        Language.makeEvaluator(Language.makeInterpreter())
    }

    /// Reads a notebook; malformed headers are a usage-level failure (2) listing every
    /// diagnostic with its file:line:column.
    static func readNotebook(_ path: String) throws -> Notebook {
        do {
            return try NotebookReader.read(path: path)
        } catch let error as NotebookLoadError {
            throw CommandFailure.usage(error.description)
        }
    }

    /// Runs a notebook and writes its report; returns the exit status.
    static func runNotebook(_ options: NotebookRunOptions) throws -> Int32 {
        let notebook = try readNotebook(options.notebookPath)
        let overrides = options.params.map { "\($0.name)=\($0.value)" }
        do {
            _ = try notebook.resolveParameters(overrides: overrides)
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        }
        let evaluator = makeCellEvaluator()
        var runOptions = RunOptions()
        runOptions.parameterOverrides = overrides
        runOptions.useCache = options.useCache
        runOptions.cacheDirectory = options.cacheDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        runOptions.runTimeout = options.timeout
        runOptions.version = "segnb \(SegnbVersion.string)"
        // Under MPI only rank 0 shows cell output and progress; the others print errors alone.
        let showsOutput = !options.quiet && Distributed.isLeader
        ProgressDisplay.mode = showsOutput ? .automatic : .silent
        if showsOutput {
            let stream = CellOutputStream(cellCount: notebook.cells.count)
            runOptions.cellOutput = stream.emit
            runOptions.progress = { line in
                stream.finishBlock()
                ProgressDisplay.clearBarBeforeOutput()
                ConsoleWriter.standard.err(line + "\n")
            }
        }
        runOptions.ranks = RankRun.coordination()
        let result: RunResult
        do {
            let runner = NotebookRunner(notebook: notebook, evaluator: evaluator, options: runOptions)
            result = try HeadlessInterrupt.run(stop: { runner.stop() }) { Result { try runner.run() } }.get()
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        } catch let error as NotebookLoadError {
            throw CommandFailure.usage(error.description)
        } catch let refusal as CacheFolderRefusal {
            throw CommandFailure.usage(refusal.description)
        }
        for cell in result.failedCells {
            for case .error(let report) in cell.outputs { fputs(report.description + "\n", stderr) }
        }
        if result.timedOut { fputs("segnb: the run's time limit was reached\n", stderr) }
        // Rank 0 alone writes the report; the others end with its status.
        guard Distributed.isLeader else { return result.exitStatus }
        let reportPath = options.reportPath ?? ReportWriter.defaultPath(forNotebook: options.notebookPath)
        do {
            try ReportWriter.write(result, to: reportPath)
        } catch {
            fputs("segnb: cannot write the report to \(reportPath): \(FileErrorText.writeReason(error, path: reportPath))\n", stderr)
            return max(result.exitStatus, 1)
        }
        print(reportPath)
        return result.exitStatus
    }

    /// Prints a notebook's parameters with their defaults.
    /// `-p` given with it is checked as a run would check it.
    static func listParams(_ options: NotebookRunOptions) throws -> Int32 {
        let notebook = try readNotebook(options.notebookPath)
        do {
            _ = try notebook.resolveParameters(overrides: options.params.map { "\($0.name)=\($0.value)" })
            print(notebook.paramsListing(try notebook.parameters()))
        } catch let error as NotebookLoadError {
            throw CommandFailure.usage(error.description)
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        }
        return 0
    }

    /// Runs a script; returns the exit status.
    static func runScript(path: String, source: String) throws -> Int32 {
        ScriptRun.run(path: path, source: source, evaluator: makeCellEvaluator())
    }

    /// Reports every syntax error; returns 1 when there is one.
    static func check(path: String, source: String) throws -> Int32 {
        guard path.hasSuffix(".segnb") else {
            return ScriptRun.check(path: path, source: source, evaluator: makeCellEvaluator())
        }
        let notebook: Notebook
        do {
            notebook = try NotebookReader.parse(source, path: path)
        } catch let error as NotebookLoadError {
            fputs(error.description + "\n", stderr)
            return 1
        }
        let diagnostics = notebook.syntaxDiagnostics(using: makeCellEvaluator())
        for diagnostic in diagnostics { fputs(diagnostic.description + "\n", stderr) }
        let count = diagnostics.count
        if count > 0 {
            fputs("\(count) syntax error\(count == 1 ? "" : "s") in \(path)\n", stderr)
            return 1
        }
        let checked = notebook.cells.filter { $0.kind != .markdown }.count
        print("\(path): no syntax errors (\(checked) cell\(checked == 1 ? "" : "s") checked)")
        return 0
    }

    /// Explains a cell's cache status for the run these options would make.
    static func explain(notebookPath: String, cell: String, options: NotebookOptions) throws -> Int32 {
        let notebook = try options.checkedNotebook(notebookPath)
        guard let target = notebook.cell(named: cell) else {
            throw CommandFailure.usage("no cell '\(cell)' in \(notebookPath) (cells are numbered 1...\(notebook.cells.count) or named)")
        }
        if options.noCache {
            print("\(target.label) would run: --no-cache neither reads nor writes the cache")
            return 0
        }
        let evaluator = makeCellEvaluator()
        do {
            let explanation = try CacheExplainer.explain(notebook: notebook, cell: cell, evaluator: evaluator,
                                                         options: options.runOptions(forNotebook: notebookPath))
            print(explanation.description)
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        }
        return 0
    }

    /// The cache folder at `directory`, checked to be one the cache commands may manage.
    private static func managedStore(_ directory: String) throws -> CacheStore {
        let store = CacheStore(directory: URL(fileURLWithPath: directory, isDirectory: true))
        do { try store.checkManageable() } catch let refusal as CacheFolderRefusal {
            throw CommandFailure.usage(refusal.description)
        }
        return store
    }

    static func cacheStatus(directory: String) throws {
        print(try managedStore(directory).status().description)
    }

    static func cacheClear(directory: String) throws {
        let removed = try managedStore(directory).clear()
        print("removed \(removed) entries from \(directory)")
    }

    static func cachePrune(directory: String, maxBytes: Int64) throws {
        let store = try managedStore(directory)
        let removed = store.prune(maxBytes: maxBytes)
        print("removed \(removed) entries; \(CacheStore.formatSize(store.status().totalBytes)) left in \(directory)")
    }
}
