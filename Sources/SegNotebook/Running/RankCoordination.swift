import Foundation

/// How the ranks of a data-parallel run (`mpirun -n N segnb run`) share one cache: rank 0
/// decides for each cell whether it comes from the cache and alone writes entries; the other
/// ranks restore the entries rank 0 restored, from the same folder (which must therefore be
/// visible to every rank, as on a shared filesystem).
public struct RankCoordination {
    /// This process's rank.
    public var rank: Int
    /// Sends rank 0's `restored` to every rank and returns it (a collective: every rank calls it
    /// once per cached cell, in cell order).
    public var agree: (_ restored: Bool) throws -> Bool

    /// Coordination for rank `rank`.
    public init(rank: Int, agree: @escaping (_ restored: Bool) throws -> Bool) {
        self.rank = rank
        self.agree = agree
    }
}

/// A rank other than 0 could not restore a cell that rank 0 restored.
struct SharedCacheMissing: Error, CustomStringConvertible {
    var rank: Int
    var cellLabel: String
    var directory: String
    var description: String {
        "rank \(rank) cannot restore \(cellLabel) from the cache in \(directory), where rank 0 found it: the cache folder must be visible to every rank (a shared filesystem), or run with --no-cache"
    }
}

extension NotebookRunner {
    /// True when this process writes cache entries and the manifest: alone, or rank 0.
    var writesCache: Bool { (options.ranks?.rank ?? 0) == 0 }

    /// The entry this cell is restored from, or nil when it runs. Alone, the cache decides; in a
    /// data-parallel run rank 0 decides and the others follow, failing when they cannot.
    func agreedEntry(key: String, cell: Cell) throws -> CacheEntry? {
        guard let ranks = options.ranks else {
            guard let entry = lookUp(key: key), restore(entry) else { return nil }
            return entry
        }
        if ranks.rank == 0 {
            let entry = lookUp(key: key).flatMap { restore($0) ? $0 : nil }
            _ = try ranks.agree(entry != nil)
            return entry
        }
        guard try ranks.agree(false) else { return nil }
        guard let entry = lookUp(key: key), restore(entry) else {
            throw SharedCacheMissing(rank: ranks.rank, cellLabel: cell.label, directory: store.directory.path)
        }
        return entry
    }
}
