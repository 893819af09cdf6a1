import ArgumentParser
import Glibc
import SegDist
import SegTensor

/// Entry point of the `segnb` executable.
public enum SegnbMain {
    /// Runs the command line and exits with the contract's status; under mpirun or srun, as one
    /// rank of the job (a rank that fails ends every rank).
    public static func main() -> Never {
        ComputeThreads.configure()
        DistributedLaunch.start()
        DistributedLaunch.finish(status: run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses and runs `arguments` (without the program name); returns the exit status.
    /// Usage errors are status 2, as the contract says (not ArgumentParser's 64).
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try SegnbCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as CommandFailure {
            if let message = failure.message { printError(message) }
            return failure.status
        } catch {
            let code = SegnbCommand.exitCode(for: error)
            let message = SegnbCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if let exitCode = error as? ExitCode { return exitCode.rawValue }
            if !message.isEmpty { printError(message) }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("segnb") || message.hasPrefix("Error:") || message.hasPrefix("Usage:")
            ? message : "segnb: " + message
        fputs(text.hasSuffix("\n") ? text : text + "\n", stderr)
    }
}
