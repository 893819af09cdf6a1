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

    /// Parses a line that starts with `:` against the command table; the error text is shown to the user.
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
        guard let descriptor = ReplCommandDescriptor.named(name) else {
            return .failure(ReplCommandError(message: "unknown command \(name) (:help lists the commands)"))
        }
        let arg: String? = argument.isEmpty ? nil : argument
        if case .required(let what) = descriptor.argument, arg == nil {
            return .failure(ReplCommandError(message: "\(name) needs \(what)"))
        }
        return .success(descriptor.command(arg))
    }

    static func selection(_ text: String) -> CellSelection {
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
