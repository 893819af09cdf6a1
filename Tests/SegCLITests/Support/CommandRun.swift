import Foundation
import XCTest

/// One run of the `segnb` binary with pipes: its status, stdout and stderr.
struct CommandRun {
    let status: Int32
    /// The signal that ended the process (then `status` is the signal number), nil when it exited.
    let signal: Int32?
    let stdout: String
    let stderr: String

    /// Runs `segnb arguments` with `input` on stdin, bounded by a timeout.
    static func segnb(_ arguments: [String], input: String = "", environment: [String: String]? = nil,
                      directory: URL? = nil, timeout: TimeInterval = 60) throws -> CommandRun {
        let binary = try XCTUnwrap(SegnbBinary.url, "build segnb first (swift build --build-tests)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        for (pipe, box) in [(output, outBox), (errors, errBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5000) }
        if process.isRunning {
            process.terminate()
            XCTFail("segnb \(arguments) did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        return CommandRun(status: process.terminationStatus,
                          signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil,
                          stdout: String(decoding: outBox.data, as: UTF8.self),
                          stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
