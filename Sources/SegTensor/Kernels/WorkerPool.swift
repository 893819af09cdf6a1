import Foundation
import Synchronization

/// The threads `Parallel` runs its chunks on: one per compute thread but the caller's, kept
/// spinning for a moment after each job so that the next one starts at once.
///
/// Why not `DispatchQueue.concurrentPerform`: its idle workers sleep, and on virtual machines a
/// sleeping thread takes 100-200 µs to wake. A sub-millisecond kernel (a mask over one label
/// batch) then ran no faster on two threads than on one. OpenMP, which PyTorch and NumPy's
/// BLAS use, spins for the same reason. The spin yields the core (`sched_yield`) so that
/// OpenBLAS's threads and other processes still run, and gives up after `spinSeconds`.
///
/// Each job is cut into one part per thread, part 0 on the caller. Worker `w` runs part `w`
/// when its mailbox shows a new job number and answers by copying that number into its
/// receipt; the caller returns only when every worker has answered, so no worker can still be
/// reading a job when the next one is written.
final class WorkerPool: @unchecked Sendable {
    /// How long an idle worker keeps checking for work before it sleeps.
    static let spinSeconds = 0.001

    private final class Worker: @unchecked Sendable {
        let mailbox = Atomic<Int>(0)
        let receipt = Atomic<Int>(0)
        let sleeping = Atomic<Bool>(false)
        let wake = NSCondition()
    }

    /// Threads per job, the caller included.
    let threads: Int
    private let workers: [Worker]
    /// Set while a job runs: a job started from inside another (or from another thread) runs
    /// on its caller alone instead of waiting for busy workers.
    private let busy = Atomic<Bool>(false)
    /// Set by `rest()`: spinning workers go to sleep at once; the next job clears it.
    private let resting = Atomic<Bool>(false)
    private var jobNumber = 0
    private var parts = 0
    private var body: ((Int) -> Void)?

    init(threads: Int) {
        self.threads = max(1, threads)
        workers = (1..<self.threads).map { _ in Worker() }
        for (index, worker) in workers.enumerated() {
            // The threads hold the pool: it lives as long as the process, like its threads.
            let thread = Thread { self.serve(worker, part: index + 1) }
            thread.name = "segnb-compute-\(index + 1)"
            thread.start()
        }
    }

    /// Calls `body(part)` for every part in `0..<parts`, the first `threads` of them each on its
    /// own thread (the rest then on the caller), and returns when all have returned.
    func run(parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, !workers.isEmpty, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for part in 0..<parts { body(part) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            self.body = escaping
            self.parts = min(parts, threads)
            resting.store(false, ordering: .relaxed)
            jobNumber &+= 1
            for worker in workers {
                worker.mailbox.store(jobNumber, ordering: .sequentiallyConsistent)
                if worker.sleeping.load(ordering: .sequentiallyConsistent) {
                    worker.wake.lock(); worker.wake.signal(); worker.wake.unlock()
                }
            }
            escaping(0)
            for worker in workers {
                var polls = 0
                while worker.receipt.load(ordering: .acquiring) != jobNumber {
                    polls &+= 1
                    if polls & 63 == 0 { sched_yield() }
                }
            }
            self.body = nil
        }
        // Parts beyond the thread count run on the caller.
        for part in threads..<max(parts, threads) { body(part) }
        busy.store(false, ordering: .releasing)
    }

    /// Sends idle workers to sleep now instead of after `spinSeconds` (before code that brings
    /// its own threads, such as a multi-threaded sgemm).
    func rest() {
        resting.store(true, ordering: .relaxed)
    }

    private func serve(_ worker: Worker, part: Int) {
        var done = 0
        while true {
            let job = waitForJob(worker, after: done)
            if part < parts, let body { body(part) }
            done = job
            worker.receipt.store(job, ordering: .releasing)
        }
    }

    /// Spins (yielding) until the mailbox shows a job after `done`, then sleeps until it does.
    private func waitForJob(_ worker: Worker, after done: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(WorkerPool.spinSeconds * 1e9)
        var polls = 0
        while true {
            let job = worker.mailbox.load(ordering: .acquiring)
            if job != done { return job }
            polls &+= 1
            if polls & 63 == 0 {
                if DispatchTime.now().uptimeNanoseconds > deadline || resting.load(ordering: .relaxed) { break }
                sched_yield()
            }
        }
        worker.wake.lock()
        defer { worker.wake.unlock() }
        worker.sleeping.store(true, ordering: .sequentiallyConsistent)
        // Checked after announcing sleep: a job posted before this load is seen here, one
        // posted after it finds `sleeping` set and signals.
        while worker.mailbox.load(ordering: .sequentiallyConsistent) == done { worker.wake.wait() }
        worker.sleeping.store(false, ordering: .sequentiallyConsistent)
        return worker.mailbox.load(ordering: .acquiring)
    }
}
