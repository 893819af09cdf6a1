/// An error from image I/O, image ops, CamVid loading or metrics; the message names the file,
/// shape or index involved.
public struct VisionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, naming the file, shape or index.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
