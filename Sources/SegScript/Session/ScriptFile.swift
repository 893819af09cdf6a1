import Foundation

/// `segnb script FILE.seg` and `segnb check FILE.seg` for the command line: run or check a file,
/// errors to standard error, exit status 0 or 1.
public enum ScriptFile {
    /// Runs the script at `path` on a large-stack thread; prints its error to stderr and returns 1
    /// when it fails (2 when the file cannot be read).
    public static func run(path: String, registry: Registry = Registry.withCore(), sink: OutputSink = StandardOutputSink()) -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
            return 2
        }
        do {
            try LargeStack.run {
                let interp = Interpreter(registry: registry, sink: sink)
                interp.maxCallDepth = 10_000
                try interp.runScript(SourceFile(name: path, text: text))
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }

    /// Prints every syntax error of the script at `path` to stderr; 1 if there are any.
    public static func check(path: String) -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
            return 2
        }
        let file = SourceFile(name: path, text: text)
        let diagnostics = (try? LargeStack.run { Interpreter.check(file) }) ?? []
        for d in diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
        return diagnostics.isEmpty ? 0 : 1
    }
}
