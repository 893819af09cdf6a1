import Foundation
import XCTest

/// The built `segnb` executable, found next to the test bundle in `.build/debug`.
public enum SegnbBinary {
    /// Its URL, or nil when it has not been built.
    public static var url: URL? {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // The test runner may live inside `segnbPackageTests.xctest/...`; walk up to .build/debug.
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("segnb"))
                dir = dir.deletingLastPathComponent()
            }
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent(".build/debug/segnb"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Its URL, or a test failure that says how to build it.
    public static func required() throws -> URL {
        try XCTUnwrap(url, "build segnb first (swift build --build-tests)")
    }
}

/// One finished run of a program with pipes: its status, output and duration.
public struct CommandRun: Sendable {
    /// The exit status, or the signal number when a signal ended the process.
    public let status: Int32
    /// The signal that ended the process, nil when it exited.
    public let signal: Int32?
    /// Everything written to stdout.
    public let stdout: String
    /// Everything written to stderr.
    public let stderr: String
    /// Wall-clock time from start to exit.
    public let seconds: Double

    /// Runs `segnb arguments`, or `mpirun -n ranks segnb arguments` when `ranks` is given
    /// (then with the local-only MPI environment on top of `environment`), bounded by `timeout`.
    /// `input` goes to stdin (nil: stdin is /dev/null); `started` receives the process as soon as
    /// it runs (to signal it).
    public static func segnb(_ arguments: [String], input: String? = "", environment: [String: String]? = nil,
                             directory: URL? = nil, timeout: TimeInterval = 60, ranks: Int? = nil,
                             started: ((Process) -> Void)? = nil) throws -> CommandRun {
        let binary = try SegnbBinary.required()
        guard let ranks else {
            return try run(binary, arguments, input: input, environment: environment, directory: directory,
                           timeout: timeout, started: started)
        }
        // mpirun forwards stdin to rank 0: with nothing to send it reads /dev/null.
        return try MPI.run(["-n", "\(ranks)", binary.path] + arguments, input: input?.isEmpty == false ? input : nil,
                           environment: environment,
                           directory: directory, timeout: timeout, started: started)
    }

    /// Runs `executable arguments`, failing the test (and stopping the process) after `timeout` seconds.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = "", environment: [String: String]? = nil,
                           directory: URL? = nil, timeout: TimeInterval = 60,
                           started: ((Process) -> Void)? = nil) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let readers = DispatchGroup()
        for (pipe, box) in [(output, outBox), (errors, errBox)] {
            readers.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                readers.leave()
            }
        }
        let start = Date()
        try process.run()
        started?(process)
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5000) }
        if process.isRunning {
            process.terminate()
            XCTFail("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        _ = readers.wait(timeout: .now() + 10)
        return CommandRun(status: process.terminationStatus,
                          signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
                          stdout: String(decoding: outBox.data, as: UTF8.self),
                          stderr: String(decoding: errBox.data, as: UTF8.self), seconds: seconds)
    }
}

/// Open MPI on this machine only: as root (tests and CI run as root), more ranks than cores
/// allowed, and shared memory between the ranks instead of any network.
public enum MPI {
    /// The mpirun executable, or a skip when Open MPI is not installed.
    public static func launcher() throws -> URL {
        for path in ["/usr/bin/mpirun", "/usr/local/bin/mpirun"] where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        throw XCTSkip("mpirun not found (Debian's openmpi-bin): skipping the multi-rank tests")
    }

    /// `base` (by default this process's environment) with no network transports and root allowed.
    public static func environment(_ base: [String: String]? = nil) -> [String: String] {
        var environment = base ?? ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        environment["OMPI_MCA_btl"] = "self,vader"
        environment["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
        return environment
    }

    /// `mpirun mpirunArguments` (which name the program, possibly several times with `:`).
    public static func run(_ mpirunArguments: [String], input: String? = nil, environment: [String: String]? = nil,
                           directory: URL? = nil, timeout: TimeInterval = 300,
                           started: ((Process) -> Void)? = nil) throws -> CommandRun {
        try CommandRun.run(try launcher(), mpirunArguments, input: input, environment: self.environment(environment),
                           directory: directory, timeout: timeout, started: started)
    }

    /// The process ids of the `segnb` ranks that mpirun `parent` started (its descendants
    /// whose command is segnb).
    public static func rankProcesses(of parent: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var parentOf: [Int32: Int32] = [:], name: [Int32: String] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            name[pid] = String(stat[stat.index(after: open)..<close])
            let rest = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            if rest.count > 1, let ppid = Int32(rest[1]) { parentOf[pid] = ppid }
        }
        func descends(_ pid: Int32) -> Bool {
            var current = pid, hops = 0
            while let up = parentOf[current], hops < 10 {
                if up == parent { return true }
                current = up
                hops += 1
            }
            return false
        }
        return name.filter { $0.value == "segnb" && descends($0.key) }.map(\.key).sorted()
    }
}
