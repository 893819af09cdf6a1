import Foundation

/// A rich output (image, chart, table, Markdown) that the notebook renders and the REPL shows
/// as text. The language only passes it along.
public protocol RichOutput: AnyObject {
    /// "image", "chart", "table", "markdown", ...
    var kind: String { get }
    /// What a text-only consumer shows.
    var textFallback: String { get }
}

/// Where printed text, displayed values and rich outputs go.
public protocol OutputSink: AnyObject {
    /// Text from `print` (already ending in a newline).
    func write(_ text: String)
    /// A value to display (a cell's last value, or `show(x)` of a plain value).
    func display(_ value: Value)
    /// A rich output produced by a binding (`show(image)`, `plot.line`, `table`, `md`).
    func rich(_ output: RichOutput)
    /// A built-in read the file at this absolute path (through `Arguments.inputPath`): what the
    /// evaluation computed depends on the file's content (the notebook cache keys on it).
    func fileRead(_ path: String)
}

public extension OutputSink {
    /// Sinks that do not track files ignore reads.
    func fileRead(_ path: String) {}
}

/// Prints to standard output: what scripts and the REPL use.
public final class StandardOutputSink: OutputSink {
    /// A sink writing to stdout.
    public init() {}
    public func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    public func display(_ value: Value) { write(displayString(value) + "\n") }
    public func rich(_ output: RichOutput) { write(output.textFallback + "\n") }
}

/// Collects everything in memory, in order: for tests and for the notebook runner.
public final class CollectingSink: OutputSink {
    /// One output.
    public enum Item {
        case text(String)
        case value(Value)
        case rich(RichOutput)
    }
    /// Outputs in order (consecutive text is merged).
    public private(set) var items: [Item] = []

    /// An empty sink.
    public init() {}

    public func write(_ text: String) {
        if case .text(let t)? = items.last {
            items[items.count - 1] = .text(t + text)
        } else {
            items.append(.text(text))
        }
    }
    public func display(_ value: Value) { items.append(.value(value)) }
    public func rich(_ output: RichOutput) { items.append(.rich(output)) }

    /// All text, values shown by `displayString`, rich outputs by their fallback.
    public var text: String {
        items.map { item -> String in
            switch item {
            case .text(let t): return t
            case .value(let v): return displayString(v) + "\n"
            case .rich(let r): return r.textFallback + "\n"
            }
        }.joined()
    }

    /// Forgets the collected outputs.
    public func clear() { items = [] }
}

/// How a displayed value (a cell's last value) reads: strings quoted, objects in full.
public func displayString(_ value: Value) -> String {
    if case .object(let o) = value { return o.display(full: true) }
    return reprString(value)
}
