import XCTest
import SegTestSupport
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

/// Asserts that running `source` fails with an error whose message holds every fragment.
func assertFails(_ source: String, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
    assertThrowsMessage(try Seg.run(source), fragments: fragments, file: file, line: line)
}

extension Seg {
    /// Stores `names` of `source` together, as a notebook cell that wrote them would (the other
    /// globals are the environment they may refer to), and restores them into `target`.
    static func transfer(_ names: [String], from source: Interpreter, to target: Interpreter) throws {
        let environment = source.userGlobalNames.filter { !names.contains($0) }.compactMap { n in source.global(n).map { (name: n, value: $0) } }
        let encoder = ValueEncoder(environment: environment)
        for name in names { try encoder.add(name, try XCTUnwrap(source.global(name))) }
        let restored = try ValueCodec.decodeBindings(try encoder.finish(), registry: registry, environment: { target.global($0) })
        for (name, value) in restored { target.setGlobal(name, value) }
    }
}
