import Foundation

/// What the ranks other than 0 show: nothing on standard output (rank 0 prints for the job) and
/// standard error with every line prefixed by the rank, so that an error names where it happened.
enum RankOutput {
    nonisolated(unsafe) private static var originalError: Int32 = -1
    nonisolated(unsafe) private static var drained: DispatchSemaphore?

    /// Sends standard output to /dev/null and standard error through a thread that prefixes
    /// each line with "[rank N] ".
    static func quietFollower(rank: Int) {
        fflush(stdout)
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 {
            dup2(null, STDOUT_FILENO)
            close(null)
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        fflush(stderr)
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(ends[1], STDERR_FILENO) >= 0 else { return }
        close(ends[1])
        originalError = saved
        let done = DispatchSemaphore(value: 0)
        drained = done
        let reader = ends[0]
        let thread = Thread {
            forwardLines(from: reader, to: saved, prefix: "[rank \(rank)] ")
            close(reader)
            done.signal()
        }
        thread.name = "segnb.rank-stderr"
        thread.start()
    }

    /// Puts the original standard error back and waits (briefly) until every prefixed line
    /// written so far has gone out.
    static func restoreStandardError() {
        guard originalError >= 0 else { return }
        fflush(stderr)
        dup2(originalError, STDERR_FILENO)
        originalError = -1
        _ = drained?.wait(timeout: .now() + 2)
        drained = nil
    }

    /// Copies `source` to `destination` until end of file, starting every line with `prefix`.
    static func forwardLines(from source: Int32, to destination: Int32, prefix: String) {
        let prefixBytes = Array(prefix.utf8)
        var buffer = [UInt8](repeating: 0, count: 4096)
        var atLineStart = true
        var out: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, 4096) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            out.removeAll(keepingCapacity: true)
            for byte in buffer[0..<count] {
                if atLineStart { out += prefixBytes }
                out.append(byte)
                atLineStart = byte == UInt8(ascii: "\n")
            }
            writeAll(out, to: destination)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
