import CBLAS
import Foundation

/// How many threads this process computes with: the one place SegTensor, SegNN, SegVision and
/// OpenBLAS take their thread count from.
///
/// The default is the cores this process may run on (its CPU affinity), divided by the MPI ranks
/// started on the same node, so that `mpirun -n 2` on a 2-core machine runs one thread per rank
/// instead of four threads fighting over two cores. `OMP_NUM_THREADS` overrides it, as it does
/// for PyTorch and OpenBLAS. The ranks per node come from the launcher's environment (Open MPI,
/// MPICH/Hydra, Slurm), read before MPI starts, so this needs no MPI.
public enum ComputeThreads {
    /// The most threads accepted from `OMP_NUM_THREADS`; larger values are a typo, not a machine.
    public static let ceiling = 1024

    /// This process's thread count, resolved once from the environment and the affinity mask;
    /// resolving it also hands it to OpenBLAS (`OPENBLAS_NUM_THREADS` still wins there).
    public static let count: Int = {
        let environment = ProcessInfo.processInfo.environment
        let threads = resolve(environment: environment, cores: ProcessInfo.processInfo.activeProcessorCount)
        let blas = environment["OPENBLAS_NUM_THREADS"].flatMap(firstPositive) ?? threads
        openblas_set_num_threads(Int32(blas))
        return threads
    }()

    /// Resolves `count` (and so configures OpenBLAS) now rather than on first use; called at
    /// program start so that the first matrix product already runs with the right threads.
    public static func configure() { _ = count }

    /// The thread count for `environment` on a node where this process may use `cores` cores:
    /// `OMP_NUM_THREADS` when it holds a positive number (its first entry when it is a list, as
    /// OpenMP allows), otherwise `cores / ranksOnNode`, at least 1.
    public static func resolve(environment: [String: String], cores: Int) -> Int {
        if let requested = environment["OMP_NUM_THREADS"].flatMap(firstPositive) { return requested }
        return max(1, max(1, cores) / ranksOnNode(environment: environment))
    }

    /// The number of processes the MPI launcher started on this node (1 when not launched by one).
    public static func ranksOnNode(environment: [String: String]) -> Int {
        for key in ["OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", "SLURM_NTASKS_PER_NODE"] {
            if let value = environment[key].flatMap(firstPositive) { return value }
        }
        if let layout = environment["SLURM_TASKS_PER_NODE"] {
            let node = environment["SLURM_NODEID"].flatMap { Int($0) } ?? 0
            if let tasks = slurmTasks(layout: layout, node: node) { return tasks }
        }
        return 1
    }

    /// The tasks Slurm placed on node `node`, from its compressed layout "2(x3),1" (two tasks on
    /// each of three nodes, then one); nil when the layout does not parse or has no such node.
    public static func slurmTasks(layout: String, node: Int) -> Int? {
        guard node >= 0 else { return nil }
        var remaining = node
        for group in layout.split(separator: ",") {
            let parts = group.split(separator: "(", maxSplits: 1)
            guard let tasks = parts.first.flatMap({ Int($0) }), tasks > 0 else { return nil }
            var repeats = 1
            if parts.count == 2 {
                let inner = parts[1]
                guard inner.hasPrefix("x"), inner.hasSuffix(")"),
                      let count = Int(inner.dropFirst().dropLast()), count > 0 else { return nil }
                repeats = count
            }
            if remaining < repeats { return tasks }
            remaining -= repeats
        }
        return nil
    }

    /// The first comma-separated entry of `text` as a number in 1...ceiling, or nil.
    static func firstPositive(_ text: String) -> Int? {
        let first = text.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        guard let value = Int(first.trimmingCharacters(in: .whitespaces)), value >= 1, value <= ceiling else { return nil }
        return value
    }
}
