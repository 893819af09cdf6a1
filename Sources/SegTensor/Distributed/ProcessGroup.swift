import Foundation

/// The reduction applied by `ProcessGroup.allreduce`.
public enum ReduceOperation: String, CaseIterable, Sendable {
    case sum, mean, max
}

/// The processes (ranks) that run one program together, data-parallel: what optimizers, loaders
/// and metrics need to cooperate, without knowing which transport carries it.
///
/// SegTensor only declares it; a single process uses `SingleProcess` (every operation an
/// identity), and the command line installs an MPI-backed group (SegDist) when `mpirun` or
/// `srun` started it. Every collective must be called by every rank in the same order.
public protocol ProcessGroup: AnyObject {
    /// This process's index, 0 ..< size.
    var rank: Int { get }
    /// The number of processes.
    var size: Int { get }
    /// Replaces `count` floats at `buffer`, on every rank, by their element-wise sum or maximum
    /// over the ranks (`mean` is handled by the caller as a sum).
    func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws
    /// Element-wise sum or maximum of `count` 64-bit integers over the ranks, exact for counts.
    func allreduce(_ buffer: UnsafeMutablePointer<Int64>, count: Int, op: ReduceOperation) throws
    /// Element-wise sum or maximum of `count` doubles over the ranks (sums of losses and weights).
    func allreduce(_ buffer: UnsafeMutablePointer<Double>, count: Int, op: ReduceOperation) throws
    /// Copies `byteCount` bytes at `buffer` from rank `root` to every other rank.
    func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, root: Int) throws
    /// Returns once every rank has called it.
    func barrier() throws
    /// Ends every rank with `status`, after `message` went to standard error.
    func abort(status: Int32, message: String) -> Never
}

/// The process group of a program run alone: rank 0 of 1, every collective an identity.
public final class SingleProcess: ProcessGroup {
    /// The single process.
    public init() {}
    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws {}
    public func allreduce(_ buffer: UnsafeMutablePointer<Int64>, count: Int, op: ReduceOperation) throws {}
    public func allreduce(_ buffer: UnsafeMutablePointer<Double>, count: Int, op: ReduceOperation) throws {}
    public func broadcast(_ buffer: UnsafeMutableRawPointer, byteCount: Int, root: Int) throws {
        guard root == 0 else { throw TensorError("broadcast root \(root) is not a rank: a single process has only rank 0") }
    }
    public func barrier() throws {}
    public func abort(status: Int32, message: String) -> Never {
        fputs(message.hasSuffix("\n") ? message : message + "\n", stderr)
        exit(status)
    }
}

/// The process group this program runs in: `SingleProcess` until the command line installs an
/// MPI group at start-up, before anything else runs (so reading it needs no lock).
public enum Distributed {
    nonisolated(unsafe) private static var installed: ProcessGroup = SingleProcess()

    /// The current group.
    public static var group: ProcessGroup { installed }
    /// This process's rank (0 in a single process).
    public static var rank: Int { installed.rank }
    /// The number of ranks (1 in a single process).
    public static var size: Int { installed.size }
    /// True on rank 0, the rank that alone writes reports, cache entries and files.
    public static var isLeader: Bool { installed.rank == 0 }

    /// Makes `group` the current group; called once, at start-up.
    public static func install(_ group: ProcessGroup) { installed = group }

    /// `allreduce` with `mean` as a sum divided by the number of ranks.
    public static func allreduce(_ buffer: UnsafeMutablePointer<Float>, count: Int, op: ReduceOperation) throws {
        let group = installed
        guard group.size > 1, count > 0 else { return }
        try group.allreduce(buffer, count: count, op: op == .mean ? .sum : op)
        if op == .mean {
            let scale = 1 / Float(group.size)
            for i in 0..<count { buffer[i] *= scale }
        }
    }

    /// Sums `values` over the ranks (returns them unchanged in a single process).
    public static func sum(_ values: [Double]) throws -> [Double] {
        var totals = values
        guard size > 1 else { return totals }
        try totals.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { try installed.allreduce(base, count: buffer.count, op: .sum) }
        }
        return totals
    }

    /// Sums `values` over the ranks, exactly (returns them unchanged in a single process).
    public static func sum(_ values: [Int]) throws -> [Int] {
        guard size > 1 else { return values }
        var totals = values.map { Int64($0) }
        try totals.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { try installed.allreduce(base, count: buffer.count, op: .sum) }
        }
        return totals.map { Int($0) }
    }

    /// The share of `count` items that rank `rank` of `size` takes: contiguous, in rank
    /// order, sizes differing by at most one.
    public static func share(of count: Int, rank: Int, size: Int) -> Range<Int> {
        guard size > 1 else { return 0..<count }
        return (count * rank / size)..<(count * (rank + 1) / size)
    }
}
