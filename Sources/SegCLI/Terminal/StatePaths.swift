import Foundation

/// Where the REPL keeps its files: `$XDG_STATE_HOME/segnb`, else `~/.local/state/segnb`.
struct StatePaths {
    /// The segnb state folder (not created until needed).
    let directory: String

    /// Resolves the folder from an environment (the process's by default).
    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            directory = state + "/segnb"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            directory = home + "/.local/state/segnb"
        }
    }

    /// The readline history file.
    var historyFile: String { directory + "/history" }
    /// Where pictures go when stdout is not a terminal.
    var imageDirectory: String { directory + "/images" }

    /// Creates `path` and its parents; false when that is impossible.
    @discardableResult
    static func ensureDirectory(_ path: String) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return true
        } catch {
            return false
        }
    }
}
