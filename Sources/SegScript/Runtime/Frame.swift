/// A compiled piece of code: evaluates against the running function's frame.
typealias Code = (Frame) throws -> Value

/// A variable shared between a function and the closures that capture it.
final class CapturedVariable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// A global binding. Compiled code holds the cell itself, so a global read is one load no
/// matter how many chunks ran before, and a later chunk's definition is seen by earlier code.
final class GlobalCell {
    let name: String
    var value: Value = .null
    var isDefined = false
    var isConst = false
    /// The source of the `fn` declaration that defined it, for re-running what cannot be stored.
    var definingSource: String?

    init(name: String) { self.name = name }
}

/// The running function's storage: its slots on the interpreter's value stack, the cells of its
/// captured locals, and the cells it captured.
struct Frame {
    let slots: UnsafeMutablePointer<Value>
    let cells: UnsafeMutablePointer<CapturedVariable?>
    /// The running closure (kept alive by its caller), whose captured cells the code reads.
    unowned(unsafe) let closure: Closure
    unowned(unsafe) let interpreter: Interpreter

    @inline(__always) var captures: ContiguousArray<CapturedVariable> { closure.captures }
}

/// Signals that unwind statements: checked after every statement of a block.
enum Unwind: UInt8 {
    case none, breakLoop, continueLoop, returning
}

/// A compiled function: what every closure made from one `fn` shares.
final class FunctionInfo {
    let name: String
    let paramNames: [String]
    let paramCount: Int
    let defaults: [Code?]
    let body: Code
    let frameSize: Int
    let needsCells: Bool
    /// Parameter slots that closures capture: copied into cells on entry.
    let capturedParams: [Int]
    let captureSources: [CaptureSource]
    let range: SourceRange

    init(name: String, paramNames: [String], scope: FunctionScope, range: SourceRange, defaults: [Code?], body: @escaping Code) {
        self.name = name
        self.paramNames = paramNames
        self.paramCount = paramNames.count
        self.defaults = defaults
        self.body = body
        self.frameSize = max(scope.slotCount, 1)
        self.needsCells = scope.needsCells
        self.capturedParams = scope.decls.prefix(paramNames.count).filter { $0.captured }.map { $0.slot }
        self.captureSources = scope.captures
        self.range = range
    }

    /// The text of the definition, so the runner can re-run it.
    var source: String { String(decoding: range.file.bytes[range.start..<range.end], as: UTF8.self) }
}

/// A function value written in Seg.
public final class Closure {
    let info: FunctionInfo
    let captures: ContiguousArray<CapturedVariable>

    init(info: FunctionInfo, captures: ContiguousArray<CapturedVariable>) {
        self.info = info
        self.captures = captures
    }

    /// The function's name (`<anonymous fn>` for literals).
    public var name: String { info.name }
    /// Parameter names in order.
    public var parameterNames: [String] { info.paramNames }
    /// The source text of the definition.
    public var definitionSource: String { info.source }
}
