/// One REPL command as the table describes it: parsing, `:help` and completion all read it.
struct ReplCommandDescriptor {
    /// What may follow the command's name.
    enum Argument: Equatable {
        /// Nothing (anything typed after the name is ignored).
        case absent
        /// An optional word.
        case optional
        /// A required argument; the text says what it is (`:load needs a notebook path`).
        case required(String)
    }

    /// What completion offers after the command's name.
    enum ArgumentCompletion: Equatable {
        /// Nothing is offered.
        case nothing
        /// File paths.
        case path
        /// Names of built-ins and globals (what `:help` documents).
        case builtinName
        /// Whatever the argument, read as Seg code, calls for.
        case code
    }

    /// The name, then its aliases.
    let names: [String]
    /// The argument as `:help` shows it (`NOTEBOOK`, `[name]`), empty when there is none.
    let usage: String
    /// Whether an argument is needed.
    let argument: Argument
    /// What completion offers for the argument.
    let completion: ArgumentCompletion
    /// What the command does, for `:help`.
    let summary: String
    /// The parsed command for the (trimmed, nil when empty) argument.
    let command: (String?) -> ReplCommand

    /// Every REPL command, in the order `:help` lists them.
    static let all: [ReplCommandDescriptor] = [
        .init(names: [":help", ":h"], usage: "[name]", argument: .optional, completion: .builtinName,
              summary: "this list, or the documentation of a built-in or a command") { .help($0) },
        .init(names: [":load"], usage: "NOTEBOOK", argument: .required("a notebook path"), completion: .path,
              summary: "load a notebook to step through its cells") { .load($0 ?? "") },
        .init(names: [":cells"], usage: "", argument: .absent, completion: .nothing,
              summary: "the notebook's cells: number, name, kind, status") { _ in .cells },
        .init(names: [":next", ":n"], usage: "", argument: .absent, completion: .nothing,
              summary: "run the next cell and show its outputs") { _ in .next },
        .init(names: [":run"], usage: "N|N-M|NAME|all", argument: .required("N, N-M, a cell name or all"), completion: .nothing,
              summary: "run cells (same cache and seeds as `segnb run`)") { .run(ReplCommand.selection($0 ?? "all")) },
        .init(names: [":show"], usage: "N|NAME", argument: .required("a cell number or name"), completion: .nothing,
              summary: "a cell's source") { .show($0 ?? "") },
        .init(names: [":vars"], usage: "", argument: .absent, completion: .nothing,
              summary: "bindings with type, shape and size") { _ in .vars },
        .init(names: [":time"], usage: "EXPR", argument: .required("an expression"), completion: .code,
              summary: "evaluate and report the time taken") { .time($0 ?? "") },
        .init(names: [":report"], usage: "[PATH]", argument: .optional, completion: .path,
              summary: "write the HTML report of what has run so far") { .report($0) },
        .init(names: [":reset"], usage: "", argument: .absent, completion: .nothing,
              summary: "drop every binding") { _ in .reset },
        .init(names: [":quit", ":q", ":exit"], usage: "", argument: .absent, completion: .nothing,
              summary: "leave (Ctrl-D also leaves)") { _ in .quit },
    ]

    /// Every name and alias, for completion.
    static let allNames: [String] = all.flatMap(\.names)

    /// The command called `name` (or with `name` as an alias).
    static func named(_ name: String) -> ReplCommandDescriptor? { all.first { $0.names.contains(name) } }

    /// The command's `:help` line: names and usage, then the summary from column 21.
    var helpLine: String {
        let left = names.joined(separator: ", ") + (usage.isEmpty ? "" : " " + usage)
        return left + String(repeating: " ", count: max(20 - left.count, 1)) + summary
    }

    /// Every command's `:help` line.
    static var helpText: String { all.map(\.helpLine).joined(separator: "\n") }
}
