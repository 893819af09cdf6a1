import Foundation

/// A reference-counted, 64-byte aligned block of raw memory shared by a tensor and its views.
///
/// `version` counts in-place writes so that callers (the notebook cache) can tell that a value
/// defined earlier was mutated; every kernel that writes into existing storage bumps it.
public final class TensorStorage: @unchecked Sendable {
    /// The start of the buffer.
    public let base: UnsafeMutableRawPointer
    /// The buffer's size in bytes.
    public let byteCount: Int
    /// Incremented on each in-place mutation.
    public private(set) var version: Int = 0

    /// Allocates `byteCount` bytes, zero-filled unless `zeroed` is false (for kernels that
    /// overwrite every byte). A request the allocator refuses is an error, not a trap, since a
    /// shape typed by a user can ask for any size.
    public init(byteCount: Int, zeroed: Bool = true) throws {
        guard byteCount >= 0 else { throw TensorError("cannot allocate \(byteCount) bytes") }
        let size = max(byteCount, 64)
        var raw: UnsafeMutableRawPointer? = nil
        guard posix_memalign(&raw, 64, size) == 0, let pointer = raw else {
            throw TensorError("out of memory allocating \(byteCount) bytes for a tensor")
        }
        self.byteCount = byteCount
        base = pointer
        if zeroed { memset(base, 0, size) }
    }

    deinit { free(base) }

    /// Records an in-place write.
    public func markMutated() { version &+= 1 }
}
