import Foundation
import SegScript

/// The Seg interpreter as the notebook runner's evaluator: the cells share its globals.
public final class ScriptCellEvaluator: CellEvaluator {
    /// The interpreter whose globals the notebook's cells share.
    public let interpreter: Interpreter
    /// Turns a binding's rich output (image, chart, table, Markdown) into the report's model;
    /// nil shows the output's text fallback.
    public var convertRich: (SegScript.RichOutput) -> CellOutput?
    /// The data files behind a value (a dataset's frames and masks): they join the cache key of the
    /// cell that binds or changes the value, so editing the data re-runs it.
    public var filesBehind: (Value) -> [String] = { _ in [] }

    /// Wraps an interpreter (with the bindings registered) for a notebook run.
    public init(interpreter: Interpreter, convertRich: @escaping (SegScript.RichOutput) -> CellOutput? = { _ in nil }) {
        self.interpreter = interpreter
        self.convertRich = convertRich
    }

    public func analyze(_ source: String) throws -> CellAnalysis {
        do {
            let file = SourceFile(name: "<cell>", text: source)
            let access = try LargeStack.run { try Interpreter.analyze(file) }
            return CellAnalysis(reads: access.reads, writes: access.writes)
        } catch let error as ScriptError {
            throw Self.failure(error, lineOffset: 0)
        }
    }

    public func evaluate(_ source: String, context: CellContext, sink: CellOutputSink) throws {
        let bridge = ScriptSinkBridge(target: sink, convert: convertRich)
        let previousSink = interpreter.sink
        let previousDirectory = FileManager.default.currentDirectoryPath
        interpreter.sink = bridge
        interpreter.seed(context.seed)
        // Relative paths in a notebook (`"data/camvid-mini"`) are relative to the notebook.
        _ = FileManager.default.changeCurrentDirectoryPath(context.directory)
        defer {
            interpreter.sink = previousSink
            _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory)
        }
        // Lines are notebook-file lines inside the interpreter (so stacks through earlier cells read right);
        // the failure goes back cell-relative, as the protocol says.
        let file = SourceFile(name: context.label, text: source, lineOffset: context.firstLine - 1)
        let interpreter = self.interpreter
        let filesBehind = self.filesBehind
        let displaysLastValue = context.displaysLastValue
        do {
            // Fingerprinting, evaluating, displaying and freeing all run on the large stack.
            try LargeStack.run {
                let before = interpreter.snapshotVersions()
                defer {
                    for name in interpreter.changedGlobals(since: before) {
                        // Absolute now, while the notebook's folder is the current directory.
                        if let value = interpreter.global(name) { for path in filesBehind(value) { sink.recordFileRead(Self.absolute(path)) } }
                    }
                }
                let value = try interpreter.evaluate(file)
                if case .null = value { return }
                if displaysLastValue { bridge.display(value) }
            }
        } catch let error as ScriptError {
            throw Self.failure(error, lineOffset: context.firstLine - 1)
        }
    }

    public func bindParameter(_ name: String, value: ParamValue) throws {
        do {
            let interpreter = self.interpreter
            let literal = try LargeStack.run { try interpreter.evaluate(value.description, name: "<param \(name)>") }
            interpreter.setGlobal(name, literal, constant: true)
        } catch let error as ScriptError {
            throw Self.failure(error, lineOffset: 0)
        }
    }

    public func mutationVersions() -> [String: UInt64] {
        interpreter.snapshotVersions().stamps.mapValues { UInt64(bitPattern: Int64($0)) }
    }

    public func storeBinding(_ name: String) throws -> Data {
        guard let value = interpreter.global(name) else { throw ValueNotStorable(name: name, reason: "not defined") }
        // A function is stored as the source of its definition and re-run on restore.
        if case .function = value {
            guard let source = interpreter.definingSource(of: name) else {
                throw ValueNotStorable(name: name, reason: "a function value without a top-level definition")
            }
            return Data([UInt8(ascii: "F")]) + Data(source.utf8)
        }
        do {
            return Data([UInt8(ascii: "V")]) + Data(try ValueCodec.encode(value))
        } catch let error as ScriptError {
            throw ValueNotStorable(name: name, reason: error.message)
        }
    }

    public func restoreBinding(_ name: String, from data: Data) throws {
        try restoreBindings([(name: name, data: data)])
    }

    /// Functions as their definitions ("F"); every other value in one `ValueEncoder` stream
    /// ("S", under the first such name; the others are marked "s"), whose references to values
    /// of bindings this cell did not write resolve against the environment when restored.
    public func storeBindings(_ names: [String]) throws -> [(name: String, data: Data)] {
        let written = Set(names)
        let environment = interpreter.userGlobalNames.filter { !written.contains($0) }.compactMap { name in
            interpreter.global(name).map { (name: name, value: $0) }
        }
        let encoder = ValueEncoder(environment: environment)
        var entries: [(name: String, data: Data)] = []
        var setName: String?
        for name in names {
            guard let value = interpreter.global(name) else { throw ValueNotStorable(name: name, reason: "not defined") }
            if case .function = value {
                entries.append((name: name, data: try storeBinding(name)))
                continue
            }
            do { try encoder.add(name, value) } catch let error as ScriptError {
                throw ValueNotStorable(name: name, reason: error.message)
            }
            entries.append((name: name, data: Data([UInt8(ascii: setName == nil ? "S" : "s")])))
            if setName == nil { setName = name }
        }
        guard let setName, let slot = entries.firstIndex(where: { $0.name == setName }) else { return entries }
        do {
            entries[slot].data += Data(try encoder.finish())
        } catch let error as ScriptError {
            throw ValueNotStorable(name: encoder.failingName ?? setName, reason: error.message)
        }
        return entries
    }

    public func restoreBindings(_ bindings: [(name: String, data: Data)]) throws {
        var restored: [(String, Value)] = []
        var expected: [String] = []
        do {
            for (name, data) in bindings {
                guard let tag = data.first else { throw CellFailure(message: "empty stored value for \(name)") }
                let payload = Array(data.dropFirst())
                switch tag {
                case UInt8(ascii: "F"):
                    try interpreter.evaluate(String(decoding: payload, as: UTF8.self), name: "<restored \(name)>")
                case UInt8(ascii: "V"):
                    restored.append((name, try ValueCodec.decode(payload, registry: interpreter.registry)))
                case UInt8(ascii: "S"):
                    let interpreter = self.interpreter
                    let values = try ValueCodec.decodeBindings(payload, registry: interpreter.registry, environment: { interpreter.global($0) })
                    restored += values.map { ($0.name, $0.value) }
                    expected.append(name)
                case UInt8(ascii: "s"):
                    expected.append(name)
                default:
                    throw CellFailure(message: "unknown stored value kind for \(name)")
                }
            }
        } catch let error as ScriptError {
            throw Self.failure(error, lineOffset: 0)
        }
        let names = Set(restored.map(\.0))
        if let missing = expected.first(where: { !names.contains($0) }) {
            throw CellFailure(message: "the stored bindings do not hold \(missing)")
        }
        // Set only once everything decoded, so a failed restore leaves the environment as it was.
        for (name, value) in restored { interpreter.setGlobal(name, value) }
    }

    public func interrupt() { interpreter.interruption.set() }

    public func clearInterrupt() { interpreter.interruption.clear() }

    /// A path as an absolute one, against the current directory.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// A script error as a cell failure with cell-relative lines.
    static func failure(_ error: ScriptError, lineOffset: Int) -> CellFailure {
        let items = error.diagnostics.map { diagnostic -> CellFailure in
            let located = diagnostic.located
            return CellFailure(message: located.message, line: located.line.map { $0 - lineOffset }, column: located.column,
                               length: located.length)
        }
        let stack = error.stack.map { entry -> String in
            guard let range = entry.range else { return entry.function }
            return "\(entry.function) (\(range.file.name), line \(range.line))"
        }
        guard var first = items.first else {
            return CellFailure(message: error.message, stack: stack, isInterruption: error.kind == .interrupted)
        }
        first.stack = stack
        first.isInterruption = error.kind == .interrupted
        first.more = Array(items.dropFirst())
        return first
    }
}

/// Forwards the interpreter's printed text, displayed values and rich outputs to a cell's sink.
final class ScriptSinkBridge: SegScript.OutputSink {
    let target: CellOutputSink
    let convert: (SegScript.RichOutput) -> CellOutput?

    init(target: CellOutputSink, convert: @escaping (SegScript.RichOutput) -> CellOutput?) {
        self.target = target
        self.convert = convert
    }

    func write(_ text: String) { target.emit(.text(text)) }

    func display(_ value: Value) {
        if case .object(let object) = value, let rich = object as? SegScript.RichOutput {
            self.rich(rich)
        } else {
            target.emit(.value(displayString(value)))
        }
    }

    func rich(_ output: SegScript.RichOutput) {
        target.emit(convert(output) ?? .text(output.textFallback + "\n"))
    }

    func fileRead(_ path: String) { target.recordFileRead(path) }
}
