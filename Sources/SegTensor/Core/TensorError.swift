/// An error raised by a tensor operation: bad shapes, indices or dtypes. Never a trap.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A message that states the shapes, indices or dtypes involved.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
