// libFuzzer harness for the Seg front end: parse, name analysis, resolution and compilation
// (nothing runs), and every diagnostic rendered with its caret line.
import FuzzSupport
@testable import SegScript

@_cdecl("fuzz_parser_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    runLibFuzzer(argc, argv, text: { text in
        let source = SourceFile(name: "fuzz.seg", text: text, lineOffset: 2)
        let (block, diagnostics) = Parser.parse(source)
        for diagnostic in diagnostics { _ = diagnostic.description }
        _ = try? Interpreter.analyze(source)
        // Only a clean parse reaches the resolver and compiler, as in `Interpreter.evaluate`.
        guard diagnostics.isEmpty else { return }
        let scope = Resolver.resolveChunk(block)
        // The compiler holds its interpreter unowned: keep it alive for the whole compilation.
        let interpreter = Interpreter(sink: CollectingSink())
        withExtendedLifetime(interpreter) { _ = Compiler(interpreter: interpreter).compileChunk(block, scope: scope) }
    })
}
