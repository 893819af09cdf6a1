import Foundation
import XCTest
import SegTensor
@testable import SegDist

/// What needs no MPI: recognising a launcher, and the rank prefix on the followers' errors.
final class DistributedLaunchTests: XCTestCase {
    func testOnlyALaunchersVariablesStartMPI() {
        XCTAssertFalse(DistributedLaunch.isLaunched(environment: [:]))
        XCTAssertFalse(DistributedLaunch.isLaunched(environment: ["OMP_NUM_THREADS": "2", "HOME": "/root"]))
        for variable in ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PROCID"] {
            XCTAssertTrue(DistributedLaunch.isLaunched(environment: [variable: "0"]), variable)
        }
    }

    func testAPlainProcessIsASingleRank() {
        // The test runner is not started by mpirun: start() leaves the single process in place.
        DistributedLaunch.start(environment: [:])
        XCTAssertEqual(Distributed.size, 1)
        XCTAssertEqual(Distributed.rank, 0)
        XCTAssertTrue(Distributed.isLeader)
    }

    func testFollowerErrorLinesCarryTheRank() throws {
        let input = Pipe(), output = Pipe()
        let writer = input.fileHandleForWriting
        writer.write(Data("first line\nsecond ".utf8))
        writer.write(Data("half\n\nlast without newline".utf8))
        try writer.close()
        RankOutput.forwardLines(from: input.fileHandleForReading.fileDescriptor,
                                to: output.fileHandleForWriting.fileDescriptor, prefix: "[rank 3] ")
        try output.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(text, "[rank 3] first line\n[rank 3] second half\n[rank 3] \n[rank 3] last without newline")
    }

    func testSharesAreContiguousAndCoverEverything() {
        for count in [0, 1, 5, 8, 31] {
            for size in 1...5 {
                let shares = (0..<size).map { Distributed.share(of: count, rank: $0, size: size) }
                XCTAssertEqual(shares.flatMap { Array($0) }, Array(0..<count))
                XCTAssertLessThanOrEqual((shares.map(\.count).max() ?? 0) - (shares.map(\.count).min() ?? 0), 1)
            }
        }
    }
}
