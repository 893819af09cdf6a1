import Foundation
import Glibc
import Synchronization

/// Number of SIGINTs received; the handler only increments it, which is async-signal-safe.
private let sigintCounter = Atomic<Int>(0)

/// Ctrl-C handling: a SIGINT handler that counts, read by the line reader (to abandon the line)
/// and by `InterruptForwarder` (to stop running code).
enum InterruptSignal {
    /// Installs the counting handler (without SA_RESTART, so a blocking poll wakes up).
    static func install() {
        _ = sigintCounter.load(ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            sigintCounter.wrappingAdd(1, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// SIGINTs received so far.
    static var count: Int { sigintCounter.load(ordering: .relaxed) }
}

/// While code runs, watches for Ctrl-C from a helper thread and calls the engine's `interrupt()`,
/// so that nothing but a counter increment happens inside the signal handler.
final class InterruptForwarder: @unchecked Sendable {
    private let finished = Atomic<Bool>(false)

    /// Runs `body`, forwarding any Ctrl-C that arrives meanwhile to `interrupt` (looking every 10 ms).
    static func run<T>(interrupt: @escaping () -> Void, _ body: () -> T) -> T {
        let forwarder = InterruptForwarder()
        let baseline = InterruptSignal.count
        let stopped = DispatchSemaphore(value: 0)
        let thread = Thread {
            var seen = baseline
            while !forwarder.finished.load(ordering: .acquiring) {
                usleep(10_000)
                let now = InterruptSignal.count
                if now != seen {
                    seen = now
                    interrupt()
                }
            }
            stopped.signal()
        }
        thread.start()
        let result = body()
        forwarder.finished.store(true, ordering: .releasing)
        stopped.wait()
        return result
    }
}

/// Ctrl-C during a headless run: the first press stops the running cell cleanly (the report of
/// what ran is still written), a second press ends the process at once.
enum HeadlessInterrupt {
    /// Runs `body` with that policy; `stop` asks the running code to stop, and keeps asking until
    /// it ends (SegNotebook's `StopRequest`: a cell that starts after the press must stop too).
    static func run<T>(stop: @escaping () -> Void, _ body: () -> T) -> T {
        InterruptSignal.install()
        var presses = 0
        return InterruptForwarder.run(interrupt: {
            presses += 1
            if presses == 1 {
                fputs("\nsegnb: interrupting (Ctrl-C again to quit at once)\n", stderr)
                stop()
            } else {
                _exit(130)
            }
        }, body)
    }
}
