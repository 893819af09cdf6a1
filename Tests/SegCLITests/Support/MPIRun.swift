import Foundation
import XCTest

/// `mpirun -n N segnb ...` on this machine only: as root (tests and CI run as root), more ranks
/// than cores allowed, and shared memory between the ranks instead of any network.
struct MPIRun {
    let status: Int32
    let stdout: String
    let stderr: String
    let seconds: Double

    /// The mpirun executable, or a skip when Open MPI is not installed.
    static func launcher() throws -> String {
        for path in ["/usr/bin/mpirun", "/usr/local/bin/mpirun"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw XCTSkip("mpirun not found (Debian's openmpi-bin): skipping the multi-rank tests")
    }

    /// The environment of a local run: no network transports, root allowed.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        environment["OMPI_MCA_btl"] = "self,vader"
        environment["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"
        environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
        return environment
    }

    /// Starts `mpirun -n ranks segnb arguments` in `directory`; `started` receives the process
    /// as soon as it runs (to signal its ranks). Waits at most `timeout` seconds.
    static func segnb(ranks: Int, _ arguments: [String], directory: URL, timeout: TimeInterval = 300,
                      started: ((Process) -> Void)? = nil) throws -> MPIRun {
        let binary = try XCTUnwrap(SegnbBinary.url, "build segnb first (swift build --build-tests)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try launcher())
        process.arguments = ["-n", "\(ranks)", binary.path] + arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
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
        let start = Date()
        try process.run()
        started?(process)
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("mpirun -n \(ranks) segnb \(arguments) did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        _ = group.wait(timeout: .now() + 10)
        return MPIRun(status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self), seconds: seconds)
    }

    /// The process ids of the `segnb` ranks that mpirun `parent` started (its descendants
    /// whose command is segnb).
    static func rankProcesses(of parent: Int32) -> [Int32] {
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
