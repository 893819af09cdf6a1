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
        guard byteCount <= TensorStorage.machineMemory else {
            throw TensorError("out of memory allocating \(byteCount) bytes for a tensor (the machine has \(TensorStorage.machineMemory) bytes)")
        }
        let size = max(byteCount, 64)
        self.byteCount = byteCount
        if let recycled = StoragePool.take(size) {
            base = recycled
        } else {
            var raw: UnsafeMutableRawPointer? = nil
            guard posix_memalign(&raw, 64, size) == 0, let pointer = raw else {
                throw TensorError("out of memory allocating \(byteCount) bytes for a tensor")
            }
            base = pointer
        }
        if zeroed { memset(base, 0, size) }
    }

    /// Refuses, with the error a tensor of that size gives, a buffer of `count` elements of
    /// `elementSize` bytes that cannot be allocated: more than the machine's memory, or what the
    /// allocator refuses. Buffers outside tensors (a confusion matrix, decoded frames, kernel
    /// scratch) are sized by user input too, and a refused Swift allocation ends the process.
    public static func checkAllocatable(_ count: Int, elementSize: Int, for what: @autoclosure () -> String) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard count >= 0, !overflow else {
            throw TensorError("out of memory allocating \(count) elements of \(elementSize) bytes for \(what())")
        }
        // The allocator may promise any amount of address space (overcommit); a single buffer
        // larger than the memory the machine has can never be filled.
        guard bytes <= machineMemory else {
            throw TensorError("out of memory allocating \(bytes) bytes for \(what()) (the machine has \(machineMemory) bytes)")
        }
        guard bytes > (64 << 20) else { return }
        guard let probe = malloc(bytes) else { throw TensorError("out of memory allocating \(bytes) bytes for \(what())") }
        free(probe)
    }

    /// Physical memory in bytes.
    static let machineMemory = Int(clamping: ProcessInfo.processInfo.physicalMemory)

    deinit {
        if !StoragePool.give(base, size: max(byteCount, 64)) { free(base) }
    }

    /// Records an in-place write.
    public func markMutated() { version &+= 1 }
}

/// Keeps freed large blocks for reuse by the next tensor of the same byte size.
///
/// Fresh large allocations come from mmap and pay a page fault per 4 KB page on first touch;
/// training and elementwise ops allocate the same sizes over and over, so recycling them is what
/// lets a 16M-element add run near memory bandwidth (`segnb-bench tensor`, "add 16M float32").
enum StoragePool {
    /// Blocks smaller than this go straight back to malloc (which already recycles them).
    static let minimumBytes = 1 << 20
    /// At most this many bytes are held for reuse; beyond it blocks are freed.
    static let capacity = 1 << 30

    private nonisolated(unsafe) static var blocks: [Int: [UnsafeMutableRawPointer]] = [:]
    private nonisolated(unsafe) static var held = 0
    private static let lock = NSLock()

    /// A recycled block of exactly `size` bytes, if one is held.
    static func take(_ size: Int) -> UnsafeMutableRawPointer? {
        guard size >= minimumBytes else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let block = blocks[size]?.popLast() else { return nil }
        held -= size
        return block
    }

    /// Keeps `block` for reuse; false when the caller must free it.
    static func give(_ block: UnsafeMutableRawPointer, size: Int) -> Bool {
        guard size >= minimumBytes else { return false }
        lock.lock()
        defer { lock.unlock() }
        guard held + size <= capacity else { return false }
        blocks[size, default: []].append(block)
        held += size
        return true
    }
}
