import SegScript
import SegTensor

extension Bindings {
    /// The `dist` module: the ranks of a data-parallel run (`mpirun -n N segnb ...`); in a single
    /// process size is 1, rank is 0 and every operation leaves its tensor as it is.
    static func registerDistModule(into registry: Registry) {
        registry.register(module: "dist", doc: "Data-parallel runs over MPI: rank, size and collectives (identities in a single process)", builtins: [
            Builtin("allreduce", [Param("t"), Param("op", .string("mean"))],
                    doc: "Replaces a float32 tensor, on every rank, by its sum, mean or max over the ranks (op: \"sum\", \"mean\", \"max\"); returns it") { a in
                let tensor = try collectiveTensor(a, 0)
                let name = try a.string(1)
                guard let op = ReduceOperation(rawValue: name) else {
                    throw ScriptError("allreduce(): op must be \"sum\", \"mean\" or \"max\", not \"\(name)\"")
                }
                try Distributed.allreduce(tensor.pointer(as: Float.self), count: tensor.count, op: op)
                tensor.storage.markMutated()
                return a[0]
            },
            Builtin("broadcast", [Param("t"), Param("root", .int(0))],
                    doc: "Replaces a float32 tensor, on every rank, by rank root's; returns it") { a in
                let tensor = try collectiveTensor(a, 0)
                let root = try a.int(1)
                guard (0..<Distributed.size).contains(root) else {
                    throw ScriptError("broadcast(): root \(root) is not a rank (ranks are 0...\(Distributed.size - 1))")
                }
                try Distributed.group.broadcast(UnsafeMutableRawPointer(tensor.pointer(as: Float.self)),
                                                byteCount: tensor.count * MemoryLayout<Float>.size, root: root)
                tensor.storage.markMutated()
                return a[0]
            },
            Builtin("barrier", doc: "Waits until every rank reaches this call") { _ in
                try Distributed.group.barrier()
                return .null
            },
        ])
        registry.register(constant: "size", module: "dist", value: .int(Distributed.size))
        registry.register(constant: "rank", module: "dist", value: .int(Distributed.rank))
    }

    /// The tensor argument of a collective: float32 and contiguous, since it is reduced in place.
    private static func collectiveTensor(_ a: Arguments, _ index: Int) throws -> Tensor {
        guard let tensor = a[index].asTensor else {
            throw ScriptError("\(a.builtin.name)(): t must be a Tensor, not \(a[index].typeName)")
        }
        guard tensor.dtype == .float32 else {
            throw ScriptError("\(a.builtin.name)(): t must be a float32 tensor, not \(tensor.dtype)")
        }
        guard tensor.isContiguous else {
            throw ScriptError("\(a.builtin.name)(): t must be contiguous (it is replaced in place), not a strided view; pass a copy such as t * 1")
        }
        return tensor
    }

    /// Runs `write` on rank 0 only, then waits for every rank, so that a file written by rank 0
    /// is there for every rank that reads it next (the folder must be shared, as for the cache).
    static func writtenByLeader(_ write: () throws -> Void) throws {
        var failure: Error?
        if Distributed.isLeader {
            do { try write() } catch { failure = error }
        }
        if Distributed.size > 1 { try Distributed.group.barrier() }
        if let failure { throw failure }
    }
}
