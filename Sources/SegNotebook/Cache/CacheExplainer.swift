import Foundation

/// The answer of `segnb explain NOTEBOOK CELL`.
public struct CacheExplanation: Sendable, Equatable, CustomStringConvertible {
    /// The cell asked about.
    public var cellLabel: String
    /// Whether the next run would restore it from the cache.
    public var wouldRestore: Bool
    /// Why not: each changed part of the key, or another reason. Empty when it would be restored.
    public var reasons: [String]

    /// Human-readable lines.
    public var description: String {
        if wouldRestore { return "\(cellLabel) would be restored from the cache" }
        return (["\(cellLabel) would run:"] + reasons.map { "  - \($0)" }).joined(separator: "\n")
    }
}

/// Plans a run without executing anything to tell whether a cell would come from the cache, and why not.
public enum CacheExplainer {
    /// Explains one cell (by number or name); `evaluator` is used only for static read/write analysis.
    public static func explain(notebook: Notebook, cell reference: String, evaluator: CellEvaluator,
                               options: RunOptions = RunOptions()) throws -> CacheExplanation {
        guard let target = notebook.cell(named: reference) else {
            throw ParamOverrideError(message: "no cell '\(reference)' in the notebook (cells are numbered 1...\(notebook.cells.count) or named)")
        }
        let runner = NotebookRunner(notebook: notebook, evaluator: evaluator, options: options)
        let store = runner.store
        let dataFiles = runner.dataFiles
        guard target.kind == .code else {
            return CacheExplanation(cellLabel: target.label, wouldRestore: false, reasons: ["it is a \(target.kind == .markdown ? "Markdown" : "params") cell: it is never cached"])
        }
        if !target.options.cache {
            return CacheExplanation(cellLabel: target.label, wouldRestore: false, reasons: ["it has cache=false"])
        }
        let parameters = try notebook.resolveParameters(overrides: options.parameterOverrides)
        let seedText = parameters.first { $0.name == "seed" }?.value.description ?? "0"
        let keys = CellKeyBuilder(notebookDirectory: runner.directory, seedText: seedText)
        var producers: [String: BindingProducer] = [:]
        for (name, value) in parameters { producers[name] = .param(value) }

        for cell in notebook.cells where cell.kind == .code && cell.number <= target.number {
            guard let analysis = try? evaluator.analyze(cell.source) else {
                if cell.number == target.number {
                    return CacheExplanation(cellLabel: cell.label, wouldRestore: false, reasons: ["it has a syntax error"])
                }
                continue
            }
            let parts = keys.parts(for: cell, reads: analysis.reads, producers: producers)
            let key = CacheHashing.key(parts)
            let lookup = store.load(key: key)
            if cell.number == target.number {
                return explanation(for: cell, parts: parts, lookup: lookup, store: store, dataFiles: dataFiles, notebookPath: notebook.path)
            }
            if case .hit(let entry) = lookup, entry.files.allSatisfy({ dataFiles.fingerprint($0.path) == $0 }) {
                for name in entry.writes { producers[name] = .cell(label: cell.label, key: entry.effectiveKey) }
            } else {
                for name in analysis.writes { producers[name] = .cell(label: cell.label, key: key) }
            }
        }
        return CacheExplanation(cellLabel: target.label, wouldRestore: false, reasons: ["it was not reached"])
    }

    static func explanation(for cell: Cell, parts: [KeyPart], lookup: CacheLookup, store: CacheStore, dataFiles: DataFileIndex,
                            notebookPath: String?) -> CacheExplanation {
        switch lookup {
        case .hit(let entry):
            let stale = entry.files.filter { dataFiles.fingerprint($0.path) != $0 }
            if stale.isEmpty { return CacheExplanation(cellLabel: cell.label, wouldRestore: true, reasons: []) }
            return CacheExplanation(cellLabel: cell.label, wouldRestore: false,
                                    reasons: stale.map { "file changed since the cell read it: \($0.path)" })
        case .dropped(let reason):
            return CacheExplanation(cellLabel: cell.label, wouldRestore: false, reasons: [reason])
        case .miss:
            guard let previous = KeyManifest.load(from: store, notebookPath: notebookPath)?.previous(of: cell) else {
                return CacheExplanation(cellLabel: cell.label, wouldRestore: false, reasons: ["no earlier run of this cell is recorded in the cache"])
            }
            var reasons = differences(old: previous.parts, new: parts)
            if reasons.isEmpty {
                reasons = ["its key is unchanged but no entry is stored (a value it writes cannot be stored, it failed, or the entry was cleared or pruned)"]
            }
            return CacheExplanation(cellLabel: cell.label, wouldRestore: false, reasons: reasons)
        }
    }

    /// Human-readable differences between two key-part lists.
    static func differences(old: [KeyPart], new: [KeyPart]) -> [String] {
        func index(_ parts: [KeyPart]) -> [String: KeyPart] {
            Dictionary(parts.map { ("\($0.kind)\u{0}\($0.name)", $0) }, uniquingKeysWith: { $1 })
        }
        let before = index(old), after = index(new)
        var reasons: [String] = []
        for part in new {
            let id = "\(part.kind)\u{0}\(part.name)"
            let earlier = before[id]
            if earlier?.value == part.value { continue }
            switch part.kind {
            case "format": reasons.append("the cache format version changed")
            case "identity": reasons.append("the cell's name changed")
            case "source": reasons.append("source changed")
            case "options": reasons.append("options changed: \(earlier?.value ?? "none") -> \(part.value)")
            case "seed": reasons.append("its random seed changed (the notebook's seed param or the cell's identity)")
            case "param": reasons.append("param \(part.name) changed: \(earlier?.value ?? "not read before") -> \(part.value)")
            case "input":
                let producer = part.value.split(separator: " ").dropLast().joined(separator: " ")
                reasons.append(earlier == nil ? "it now reads `\(part.name)`" : "input `\(part.name)` changed (produced by \(producer.isEmpty ? part.value : producer))")
            case "depends": reasons.append("file changed: \(part.name)")
            default: reasons.append("\(part.kind) \(part.name) changed")
            }
        }
        for part in old where after["\(part.kind)\u{0}\(part.name)"] == nil {
            switch part.kind {
            case "input", "param": reasons.append("it no longer reads `\(part.name)`")
            case "depends": reasons.append("it no longer depends on \(part.name)")
            default: reasons.append("\(part.kind) \(part.name) removed")
            }
        }
        return reasons
    }
}
