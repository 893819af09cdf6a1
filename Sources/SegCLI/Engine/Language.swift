import Foundation
import SegBindings
import SegNotebook
import SegScript

/// Builds the Seg language as the commands use it: one interpreter with the built-in table, behind
/// the notebook runner's evaluator.
enum Language {
    /// The built-in table: the core library and every SegBindings module.
    static func makeRegistry() -> Registry {
        Bindings.makeRegistry()
    }

    /// A fresh interpreter.
    static func makeInterpreter() -> Interpreter {
        Interpreter(registry: makeRegistry())
    }

    /// The runner's evaluator over an interpreter.
    static func makeEvaluator(_ interpreter: Interpreter) -> ScriptCellEvaluator {
        let evaluator = ScriptCellEvaluator(interpreter: interpreter, convertRich: RichOutputConversion.convert)
        evaluator.filesBehind = RichOutputConversion.filesBehind
        return evaluator
    }

    /// The REPL's engine: evaluation through the runner's evaluator (shared with stepped cells),
    /// completion and help from the interpreter and its built-in table.
    static func makeReplEngine(notebookRunOptions: @escaping (String) -> RunOptions = { _ in RunOptions() }) -> ReplEngine {
        let interpreter = makeInterpreter()
        return EvaluatorReplEngine(evaluator: makeEvaluator(interpreter),
                                   introspection: ScriptIntrospection(interpreter: interpreter),
                                   notebookRunOptions: notebookRunOptions)
    }
}
