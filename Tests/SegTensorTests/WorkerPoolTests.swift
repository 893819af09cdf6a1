import XCTest
@testable import SegTensor

/// The compute threads: every part runs once, from one caller or several, nested or not, also
/// after the workers went to sleep.
final class WorkerPoolTests: XCTestCase {
    func testEveryPartRunsExactlyOnceAcrossSleepAndWake() {
        let pool = WorkerPool(threads: 3)
        for round in 0..<300 {
            if round % 50 == 0 {
                pool.rest()
                usleep(5000)
            }
            let parts = 1 + round % 4
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: parts)
            counts.initialize(repeating: 0, count: parts)
            pool.run(parts: parts) { counts[$0] += 1 }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: parts)), [Int](repeating: 1, count: parts), "round \(round)")
            counts.deallocate()
        }
    }

    func testNestedAndConcurrentCallersRunOnTheirOwnThread() {
        let pool = WorkerPool(threads: 2)
        let total = UnsafeMutablePointer<Int>.allocate(capacity: 64)
        total.initialize(repeating: 0, count: 64)
        // Four callers at once: one gets the workers, the others run their parts themselves.
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<100 {
                pool.run(parts: 2) { outer in
                    pool.run(parts: 2) { inner in total[caller * 16 + outer * 2 + inner] += 1 }
                }
            }
        }
        XCTAssertEqual((0..<4).flatMap { c in (0..<4).map { total[c * 16 + $0] } }, [Int](repeating: 100, count: 16))
        total.deallocate()
    }

    func testANestedJobRunsOnItsCallerAndAnotherThreadsJobStillCompletes() {
        let pool = WorkerPool(threads: 2)
        let innerThreads = UnsafeMutablePointer<UInt>.allocate(capacity: 4)
        let outerThreads = UnsafeMutablePointer<UInt>.allocate(capacity: 2)
        nonisolated(unsafe) let otherDone = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        otherDone.initialize(repeating: 0, count: 2)
        let started = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        pool.run(parts: 2) { outer in
            outerThreads[outer] = UInt(pthread_self())
            pool.run(parts: 2) { inner in innerThreads[outer * 2 + inner] = UInt(pthread_self()) }
            guard outer == 0 else { return }
            // While this job holds the pool, a job from another thread must not wait for it.
            Thread.detachNewThread {
                started.signal()
                pool.run(parts: 2) { otherDone[$0] += 1 }
                finished.signal()
            }
            started.wait()
            XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "a job from another thread waited for the busy pool")
        }
        for outer in 0..<2 {
            XCTAssertEqual(innerThreads[outer * 2], outerThreads[outer])
            XCTAssertEqual(innerThreads[outer * 2 + 1], outerThreads[outer])
        }
        XCTAssertEqual([otherDone[0], otherDone[1]], [1, 1])
        innerThreads.deallocate(); outerThreads.deallocate(); otherDone.deallocate()
    }
}
