import Foundation
import Glibc
import XCTest
import SegTestSupport

/// A child process on a pseudo-terminal: the test types into it and waits for output, every
/// wait bounded so a broken REPL fails the test instead of hanging it.
final class PseudoTerminal {
    private(set) var master: Int32 = -1
    private(set) var pid: pid_t = 0
    private var raw: [UInt8] = []
    private var consumed = 0
    private var exitStatus: Int32?
    /// Seconds each expectation may take on a loaded machine.
    static let patience: TimeInterval = 20
    /// glibc's POSIX_SPAWN_SETSID, hidden from Swift with the other GNU extensions.
    private static let spawnSetsid: Int32 = 0x80

    /// Starts `executable arguments` on a new pty (80x24) as its controlling terminal.
    init(executable: URL, arguments: [String], environment: [String: String], directory: URL) throws {
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        guard let name = ttyname(slave) else { throw POSIXError(.ENOTTY) }
        let slavePath = String(cString: name)
        close(slave)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid the first terminal opened becomes the controlling one, so ^C sends SIGINT.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(PseudoTerminal.spawnSetsid | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        // `env -C` sets the working directory (posix_spawn's chdir action is a GNU extension
        // that Glibc's Swift module does not show).
        let argv = (["/usr/bin/env", "-C", directory.path, executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let status = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if exitStatus == nil, pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if master >= 0 { close(master) }
    }

    /// Types text (use "\t" for TAB, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D, "\r" for Enter).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        let deadline = Date().addingTimeInterval(Self.patience)
        while offset < bytes.count, Date() < deadline {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else { usleep(1000) }
        }
    }

    /// Types a line and presses Enter.
    func line(_ text: String) { send(text + "\r") }

    /// Everything shown so far, with terminal escapes and carriage returns removed.
    var screenText: String { PseudoTerminal.clean(raw) }

    /// Waits until `text` appears after the previous expectation's match; returns whether it did.
    @discardableResult
    func expect(_ text: String, timeout: TimeInterval = PseudoTerminal.patience, silently: Bool = false,
                file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let cleaned = Array(screenText)
            if consumed <= cleaned.count, let range = String(cleaned[consumed...]).range(of: text) {
                let tail = String(cleaned[consumed...])
                consumed += tail.distance(from: tail.startIndex, to: range.upperBound)
                return true
            }
            if Date() >= deadline || !pump(until: deadline) {
                if silently { return false }
                XCTFail("timed out waiting for \(text.debugDescription); the screen shows:\n\(screenText.suffix(1500))",
                        file: file, line: line)
                return false
            }
        }
    }

    /// Waits until the screen's last text is `suffix` (the REPL idle at its prompt), without
    /// moving the expectation point.
    @discardableResult
    func waitUntilShowing(_ suffix: String, timeout: TimeInterval = PseudoTerminal.patience,
                          file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !screenText.hasSuffix(suffix) {
            if Date() >= deadline || !pump(until: deadline) {
                XCTFail("timed out waiting for the screen to end with \(suffix.debugDescription):\n\(screenText.suffix(1500))",
                        file: file, line: line)
                return false
            }
        }
        return true
    }

    /// Waits for the process to end; its exit status, or nil after the timeout.
    func waitForExit(timeout: TimeInterval = PseudoTerminal.patience) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                _ = pump(until: Date().addingTimeInterval(0.05))
                return exitStatus
            }
            _ = pump(until: min(deadline, Date().addingTimeInterval(0.05)))
        }
        return nil
    }

    /// Reads what is available, waiting at most until `deadline`; false once the pty is closed
    /// and nothing more can come.
    private func pump(until deadline: Date) -> Bool {
        let milliseconds = Int32(max(1, min(200, deadline.timeIntervalSinceNow * 1000)))
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready <= 0 { return Date() < deadline }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
            raw += buffer[0..<count]
            return true
        }
        if count < 0, errno == EAGAIN || errno == EINTR { return true }
        // EIO: the child closed the terminal; wait out the deadline so a late expectation fails.
        usleep(10_000)
        return Date() < deadline
    }

    /// The lines as a terminal leaves them: a carriage return goes back to the line's start and
    /// later text overwrites earlier text, `ESC [ K` erases to the end of the line, other escapes
    /// are dropped. (Redrawn progress bars show their last state, as a user sees them.)
    var visibleLines: [String] {
        var lines: [[Character]] = [[]]
        var column = 0
        var text = Array(String(decoding: raw, as: UTF8.self))
        text.append("\n")
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == "\u{1B}", i + 1 < text.count, text[i + 1] == "[" {
                var j = i + 2
                while j < text.count, !(text[j].asciiValue.map { (0x40...0x7E).contains($0) } ?? false) { j += 1 }
                if j < text.count, text[j] == "K" { lines[lines.count - 1].removeSubrange(min(column, lines[lines.count - 1].count)...) }
                i = j + 1
                continue
            }
            switch c {
            case "\r": column = 0
            case "\n", "\r\n": lines.append([]); column = 0
            case "\u{7}", "\u{8}": break
            default:
                if column < lines[lines.count - 1].count { lines[lines.count - 1][column] = c } else { lines[lines.count - 1].append(c) }
                column += 1
            }
            i += 1
        }
        return lines.map { String($0) }
    }

    /// Drops ANSI escape sequences, carriage returns and BEL from terminal output.
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") {
                    var j = i + 2
                    while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                    i = j + 1
                    continue
                }
                if next == UInt8(ascii: "]") {
                    var j = i + 2
                    while j < bytes.count, bytes[j] != 0x07 { j += 1 }
                    i = j + 1
                    continue
                }
                i += (next == UInt8(ascii: "(") || next == UInt8(ascii: ")")) ? 3 : 2
                continue
            }
            if b == 0x0D || b == 0x07 || b == 0x08 { i += 1; continue }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension PseudoTerminal {
    /// `segnb arguments` on a pseudo-terminal, in `scratch`'s work folder with its environment.
    static func segnb(_ arguments: [String], in scratch: ScratchHome) throws -> PseudoTerminal {
        try PseudoTerminal(executable: try SegnbBinary.required(), arguments: arguments,
                           environment: scratch.environment(), directory: scratch.work)
    }

    /// Presses Ctrl-C until `text` appears (the first press may come before the code it should
    /// stop has started), every wait bounded; whether it appeared.
    func interrupt(until text: String) -> Bool {
        let deadline = Date().addingTimeInterval(Self.patience)
        while Date() < deadline {
            send("\u{3}")
            if expect(text, timeout: 0.5, silently: true) { return true }
        }
        return false
    }
}
