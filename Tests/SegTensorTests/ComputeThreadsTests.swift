import XCTest
@testable import SegTensor

/// The thread count: cores divided by the ranks on the node, overridden by OMP_NUM_THREADS.
final class ComputeThreadsTests: XCTestCase {
    func testDefaultIsEveryCoreOfAPlainProcess() {
        XCTAssertEqual(ComputeThreads.resolve(environment: [:], cores: 8), 8)
        XCTAssertEqual(ComputeThreads.resolve(environment: [:], cores: 1), 1)
        XCTAssertEqual(ComputeThreads.resolve(environment: [:], cores: 0), 1)
    }

    func testOMPNumThreadsOverridesAndAcceptsAListOrSpaces() {
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMP_NUM_THREADS": "3"], cores: 8), 3)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMP_NUM_THREADS": " 5 "], cores: 2), 5)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMP_NUM_THREADS": "4,2"], cores: 8), 4)
        // The override wins over the per-rank share too.
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMP_NUM_THREADS": "2", "OMPI_COMM_WORLD_LOCAL_SIZE": "4"], cores: 8), 2)
    }

    func testInvalidOMPNumThreadsFallsBackToTheDefault() {
        for bad in ["", "0", "-2", "two", "1.5", "99999", ",3"] {
            XCTAssertEqual(ComputeThreads.resolve(environment: ["OMP_NUM_THREADS": bad], cores: 6), 6, "OMP_NUM_THREADS=\(bad)")
        }
    }

    func testRanksOnTheNodeShareItsCores() {
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMPI_COMM_WORLD_LOCAL_SIZE": "2"], cores: 2), 1)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMPI_COMM_WORLD_LOCAL_SIZE": "3"], cores: 8), 2)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["OMPI_COMM_WORLD_LOCAL_SIZE": "4"], cores: 2), 1)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["MPI_LOCALNRANKS": "2"], cores: 16), 8)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["SLURM_NTASKS_PER_NODE": "4"], cores: 16), 4)
    }

    func testSlurmTaskLayoutIsReadForThisNode() {
        XCTAssertEqual(ComputeThreads.slurmTasks(layout: "2(x3),1", node: 0), 2)
        XCTAssertEqual(ComputeThreads.slurmTasks(layout: "2(x3),1", node: 2), 2)
        XCTAssertEqual(ComputeThreads.slurmTasks(layout: "2(x3),1", node: 3), 1)
        XCTAssertNil(ComputeThreads.slurmTasks(layout: "2(x3),1", node: 4))
        XCTAssertNil(ComputeThreads.slurmTasks(layout: "2(y3)", node: 0))
        XCTAssertNil(ComputeThreads.slurmTasks(layout: "abc", node: 0))
        XCTAssertEqual(ComputeThreads.resolve(environment: ["SLURM_TASKS_PER_NODE": "4(x2)", "SLURM_NODEID": "1"], cores: 8), 2)
        XCTAssertEqual(ComputeThreads.resolve(environment: ["SLURM_TASKS_PER_NODE": "garbage"], cores: 8), 8)
    }

    func testTheProcessCountIsPositiveAndDrivesParallel() {
        XCTAssertGreaterThanOrEqual(ComputeThreads.count, 1)
        XCTAssertEqual(Parallel.chunks, ComputeThreads.count)
    }
}
