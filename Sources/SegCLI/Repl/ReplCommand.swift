/// Which cells `:run` runs.
enum CellSelection: Equatable {
    case number(Int)
    case range(Int, Int)
    case name(String)
    case all
}

/// A REPL command line (`:name argument`).
enum ReplCommand: Equatable {
    case help(String?)
    case load(String)
    case cells
    case next
    case run(CellSelection)
    case show(String)
    case vars
    case time(String)
    case report(String?)
    case reset
    case quit

    /// Every command name, for `:help` and completion.
    static let names = [":help", ":load", ":cells", ":next", ":n", ":run", ":show", ":vars", ":time",
                        ":report", ":reset", ":quit"]

    /// One line per command for `:help`.
    static let summary = """
    :help [name]        this list, or the documentation of a built-in
    :load NOTEBOOK      load a notebook to step through its cells
    :cells              the notebook's cells: number, name, kind, status
    :next, :n           run the next cell and show its outputs
    :run N|N-M|NAME|all run cells (same cache and seeds as `segnb run`)
    :show N|NAME        a cell's source
    :vars               bindings with type, shape and size
    :time EXPR          evaluate and report the time taken
    :report [PATH]      write the HTML report of what has run so far
    :reset              drop every binding
    :quit               leave (Ctrl-D also leaves)
    """

    /// Parses a line that starts with `:`; the error text is shown to the user.
    static func parse(_ line: String) -> Result<ReplCommand, ReplCommandError> {
        let trimmed = line.trimming(" \t")
        let name: String
        let argument: String
        if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            name = String(trimmed[..<space])
            argument = trimmed[space...].trimming(" \t")
        } else {
            name = trimmed
            argument = ""
        }
        let arg: String? = argument.isEmpty ? nil : argument
        func needs(_ what: String) -> Result<ReplCommand, ReplCommandError> {
            .failure(ReplCommandError(message: "\(name) needs \(what)"))
        }
        switch name {
        case ":help", ":h": return .success(.help(arg))
        case ":load": return arg.map { .success(.load($0)) } ?? needs("a notebook path")
        case ":cells": return .success(.cells)
        case ":next", ":n": return .success(.next)
        case ":run":
            guard let arg else { return needs("N, N-M, a cell name or all") }
            return .success(.run(selection(arg)))
        case ":show": return arg.map { .success(.show($0)) } ?? needs("a cell number or name")
        case ":vars": return .success(.vars)
        case ":time": return arg.map { .success(.time($0)) } ?? needs("an expression")
        case ":report": return .success(.report(arg))
        case ":reset": return .success(.reset)
        case ":quit", ":q", ":exit": return .success(.quit)
        default:
            return .failure(ReplCommandError(message: "unknown command \(name) (:help lists the commands)"))
        }
    }

    private static func selection(_ text: String) -> CellSelection {
        if text == "all" { return .all }
        if let n = Int(text) { return .number(n) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) { return .range(a, b) }
        return .name(text)
    }
}

/// A command the REPL could not understand.
struct ReplCommandError: Error, Equatable {
    let message: String
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
