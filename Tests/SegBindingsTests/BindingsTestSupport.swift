import XCTest
@testable import SegScript
@testable import SegBindings

/// Runs Seg programs against a registry holding the core library and every binding.
enum Seg {
    static let registry = Bindings.makeRegistry()

    /// A fresh interpreter printing into a collecting sink.
    static func interpreter() -> (Interpreter, CollectingSink) {
        let sink = CollectingSink()
        return (Interpreter(registry: registry, sink: sink), sink)
    }

    /// What the program prints.
    static func run(_ text: String) throws -> String {
        let (interp, sink) = interpreter()
        try interp.runScript(SourceFile(name: "test.seg", text: text))
        return sink.text
    }

    /// The value of the program's last expression.
    static func eval(_ text: String) throws -> Value {
        let (interp, _) = interpreter()
        return try interp.evaluate(text, name: "test.seg")
    }
}
