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
}
