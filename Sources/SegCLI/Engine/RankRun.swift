import SegNotebook
import SegTensor

/// What a notebook run needs from the process group of a data-parallel run.
enum RankRun {
    /// The runner's cache coordination over the current process group; nil in a single process.
    static func coordination() -> RankCoordination? {
        let group = Distributed.group
        guard group.size > 1 else { return nil }
        return RankCoordination(rank: group.rank) { restored in
            var flag: UInt8 = restored ? 1 : 0
            try group.broadcast(&flag, byteCount: 1, root: 0)
            return flag != 0
        }
    }
}
