/// A command's failure: what to print on stderr and the exit status the contract gives it.
struct CommandFailure: Error, CustomStringConvertible {
    /// Process exit status (1: the program or a cell failed, 2: usage or unreadable input).
    let status: Int32
    /// Shown on stderr; nil when the details were already printed.
    let message: String?

    var description: String { message ?? "exit \(status)" }

    /// A usage error or unreadable input (exit 2).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(status: 2, message: message) }
    /// The program ran and failed (exit 1).
    static func failed(_ message: String?) -> CommandFailure { CommandFailure(status: 1, message: message) }
}

/// The software version shown by `segnb --version` and recorded in reports.
public enum SegnbVersion {
    /// Semantic version string.
    public static let string = "0.1.0"
}
