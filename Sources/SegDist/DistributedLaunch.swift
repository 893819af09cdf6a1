import CMPI
import Foundation
import SegTensor

/// Starting and ending a process that may be one rank of an MPI job.
///
/// MPI starts only when a launcher (mpirun, mpiexec, srun) started this process, recognised by
/// the variables it sets; a plain `segnb run` never touches MPI and runs exactly as before.
public enum DistributedLaunch {
    /// Variables whose presence means an MPI launcher started this process.
    public static let launcherVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PROCID"]

    nonisolated(unsafe) private static var started = false

    /// True when `environment` comes from an MPI launcher.
    public static func isLaunched(environment: [String: String]) -> Bool {
        launcherVariables.contains { environment[$0] != nil }
    }

    /// Starts MPI when launched by mpirun or srun and installs the MPI process group; on ranks
    /// other than 0, standard output goes nowhere and standard error lines carry the rank.
    /// Without a launcher it does nothing. Exits with status 1 when MPI cannot start.
    public static func start(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isLaunched(environment: environment), !started else { return }
        if MPI_Init(nil, nil) != segnb_mpi_success() {
            fputs("segnb: MPI could not start (MPI_Init failed); run without mpirun for a single process\n", stderr)
            exit(1)
        }
        started = true
        let group: MPIProcessGroup
        do {
            group = try MPIProcessGroup()
        } catch {
            fputs("segnb: \(error)\n", stderr)
            MPI_Abort(segnb_mpi_comm_world(), 1)
            exit(1)
        }
        guard group.size > 1 else { return }
        Distributed.install(group)
        if group.rank != 0 { RankOutput.quietFollower(rank: group.rank) }
    }

    /// Ends the process with `status`. Under MPI a rank that succeeded finalises; a rank that
    /// failed says so and aborts the job, so no other rank waits for it forever.
    public static func finish(status: Int32) -> Never {
        guard started else { exit(status) }
        if status == 0 {
            fflush(stdout)
            RankOutput.restoreStandardError()
            MPI_Finalize()
            exit(0)
        }
        let group = Distributed.group
        if group.size == 1 {
            MPI_Finalize()
            exit(status)
        }
        let ranks = group.size == 1 ? "" : " of \(group.size)"
        group.abort(status: status, message: "segnb: rank \(group.rank)\(ranks) failed (exit status \(status)); ending every rank")
    }
}
