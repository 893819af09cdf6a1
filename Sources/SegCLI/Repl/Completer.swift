/// Turns a completion context into candidates: command names, file paths, or what the engine
/// knows about names and members.
struct Completer {
    /// The engine asked about names and members.
    let engine: ReplEngine

    /// Sorted, unique candidates that start with the context's prefix.
    func candidates(for context: CompletionContext) -> [String] {
        let found: [String]
        let prefix: String
        switch context {
        case .nothing:
            return []
        case .command(let typed):
            prefix = typed
            found = ReplCommandDescriptor.allNames
        case .path(let typed, _):
            prefix = typed
            found = PathCompleter.candidates(for: typed)
        case .code(let request):
            switch request {
            case .name(let typed): prefix = typed
            case .member(_, let typed): prefix = typed
            }
            found = engine.completions(for: request)
        }
        return Array(Set(found.filter { $0.hasPrefix(prefix) })).sorted()
    }
}
