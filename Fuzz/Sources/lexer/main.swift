// libFuzzer harness for the Seg lexer: any bytes must tokenize without trapping, and the tokens
// must come in source order inside the text (carets are placed from them).
import FuzzSupport
@testable import SegScript

@_cdecl("fuzz_lexer_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    runLibFuzzer(argc, argv, text: { text in
        let file = SourceFile(name: "fuzz.seg", text: text)
        var previousStart = 0
        for token in Lexer.tokenize(file) {
            precondition(token.start >= previousStart && token.start <= token.end && token.end <= file.bytes.count,
                         "token \(token) out of order or outside the \(file.bytes.count) bytes")
            previousStart = token.start
        }
    })
}
