import CMPI
import Foundation
import SegTensor

/// The ranks of MPI_COMM_WORLD as a SegTensor `ProcessGroup`: the only code that calls MPI.
///
/// Errors come back as return codes (MPI_ERRORS_RETURN) and become Swift errors naming the
/// operation, so that a failing collective ends the rank with a message instead of a bare abort.
final class MPIProcessGroup: ProcessGroup {
    let rank: Int
    let size: Int
    private let world = segnb_mpi_comm_world()

    /// Joins MPI_COMM_WORLD; MPI must be initialised.
    init() throws {
        var rank: Int32 = 0, size: Int32 = 0
        try Self.check(MPI_Comm_set_errhandler(world, segnb_mpi_errors_return()), "MPI_Comm_set_errhandler")
        try Self.check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank")
        try Self.check(MPI_Comm_size(world, &size), "MPI_Comm_size")
        self.rank = Int(rank)
        self.size = Int(size)
    }

    func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws {
        try inChunks(count) { offset, length in
            try Self.check(MPI_Allreduce(segnb_mpi_in_place(), buffer + offset, length, segnb_mpi_float(), Self.mpiOperation(op), world),
                           "MPI_Allreduce of \(length) floats")
        }
    }

    func allreduce(_ buffer: UnsafeMutablePointer<Int64>, count: Int, op: ReduceOperation) throws {
        try inChunks(count) { offset, length in
            try Self.check(MPI_Allreduce(segnb_mpi_in_place(), buffer + offset, length, segnb_mpi_int64(), Self.mpiOperation(op), world),
                           "MPI_Allreduce of \(length) integers")
        }
    }

    func allreduce(_ buffer: UnsafeMutablePointer<Double>, count: Int, op: ReduceOperation) throws {
        try inChunks(count) { offset, length in
            try Self.check(MPI_Allreduce(segnb_mpi_in_place(), buffer + offset, length, segnb_mpi_double(), Self.mpiOperation(op), world),
                           "MPI_Allreduce of \(length) doubles")
        }
    }

    func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, root: Int) throws {
        guard (0..<size).contains(root) else { throw TensorError("broadcast root \(root) is not a rank: ranks are 0...\(size - 1)") }
        try inChunks(byteCount) { offset, length in
            try Self.check(MPI_Bcast(buffer + offset, length, segnb_mpi_byte(), Int32(root), world), "MPI_Bcast of \(length) bytes")
        }
    }

    func barrier() throws {
        try Self.check(MPI_Barrier(world), "MPI_Barrier")
    }

    func abort(status: Int32, message: String) -> Never {
        fflush(stdout)
        RankOutput.restoreStandardError()
        fputs(message.hasSuffix("\n") ? message : message + "\n", stderr)
        fflush(stderr)
        MPI_Abort(world, status == 0 ? 1 : status)
        exit(status == 0 ? 1 : status)
    }

    /// MPI counts are 32-bit: larger buffers go in slices of at most 2^30 elements.
    private func inChunks(_ count: Int, _ body: (Int, Int32) throws -> Void) throws {
        let slice = 1 << 30
        var offset = 0
        while offset < count {
            let length = min(slice, count - offset)
            try body(offset, Int32(length))
            offset += length
        }
    }

    private static func mpiOperation(_ op: ReduceOperation) -> MPI_Op {
        op == .max ? segnb_mpi_max() : segnb_mpi_sum()
    }

    /// Throws MPI's own description of a failed call.
    static func check(_ code: Int32, _ operation: String) throws {
        guard code != segnb_mpi_success() else { return }
        var text = [CChar](repeating: 0, count: Int(segnb_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        let description = String(decoding: text.prefix(Int(max(0, length))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        throw TensorError("\(operation) failed: \(description.isEmpty ? "MPI error \(code)" : description)")
    }
}
