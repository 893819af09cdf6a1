// libFuzzer harness for the Seg front end: parse, name analysis, resolution and compilation
// (nothing runs), and every diagnostic rendered with its caret line.
import FuzzSupport
@testable import SegScript

@_cdecl("fuzz_parser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzParser)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = SourceFile(name: "fuzz.seg", text: fuzzText(data, size), lineOffset: 2)
    let (block, diagnostics) = Parser.parse(source)
    for diagnostic in diagnostics { _ = diagnostic.description }
    _ = try? Interpreter.analyze(source)
    // Only a clean parse reaches the resolver and compiler, as in `Interpreter.evaluate`.
    guard diagnostics.isEmpty else { return 0 }
    let scope = Resolver.resolveChunk(block)
    // The compiler holds its interpreter unowned: keep it alive for the whole compilation.
    let interpreter = Interpreter(sink: CollectingSink())
    withExtendedLifetime(interpreter) { _ = Compiler(interpreter: interpreter).compileChunk(block, scope: scope) }
    return 0
}
