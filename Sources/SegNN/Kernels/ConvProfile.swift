import Foundation

/// Time and arithmetic of every convolution call, per layer shape, for benchmarks that report
/// how close each layer gets to the machine's sgemm peak. Off unless a benchmark enables it;
/// when off, a convolution pays one flag test.
public enum ConvProfile {
    /// The totals of one layer shape (all layers of that shape add into it).
    public struct Entry: Sendable {
        /// e.g. "conv 3x3 16->32 96x128" or "transposed 2x2 64->32 48x64" (input extent).
        public let layer: String
        /// Calls (forward and backward separately) since the last reset.
        public var forwardCalls = 0, backwardCalls = 0
        /// Seconds spent in the kernels.
        public var forwardSeconds = 0.0, backwardSeconds = 0.0
        /// Floating-point operations of the direct convolution (2 per multiply-add) for the work done.
        public var forwardFlops = 0.0, backwardFlops = 0.0
    }

    /// Whether convolutions record their time.
    nonisolated(unsafe) public static var isEnabled = false
    nonisolated(unsafe) private static var table: [String: Int] = [:]
    nonisolated(unsafe) private static var rows: [Entry] = []

    /// The layer shapes in the order they first ran.
    public static var entries: [Entry] { rows }

    /// Forgets everything recorded.
    public static func reset() {
        table = [:]
        rows = []
    }

    /// A layer's name: kind, kernel, stride when not 1, channels and input extent (the
    /// geometry's own, unless given: a transposed convolution's input is its geometry's output).
    static func name(_ kind: String, _ g: ConvGeometry, _ inChannels: Int, _ outChannels: Int,
                     height: Int? = nil, width: Int? = nil) -> String {
        let stride = g.stride == 1 ? "" : " stride \(g.stride)"
        return "\(kind) \(g.kernel)x\(g.kernel)\(stride) \(inChannels)->\(outChannels) \(height ?? g.height)x\(width ?? g.width)"
    }

    /// Runs `body`, adding its time and `flops` to `layer`'s forward or backward totals when enabled.
    @inline(__always)
    static func measure<T>(_ layer: @autoclosure () -> String, flops: @autoclosure () -> Double, backward: Bool,
                           _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let name = layer()
        let index: Int
        if let known = table[name] {
            index = known
        } else {
            index = rows.count
            table[name] = index
            rows.append(Entry(layer: name))
        }
        if backward {
            rows[index].backwardCalls += 1
            rows[index].backwardSeconds += seconds
            rows[index].backwardFlops += flops()
        } else {
            rows[index].forwardCalls += 1
            rows[index].forwardSeconds += seconds
            rows[index].forwardFlops += flops()
        }
        return result
    }
}
