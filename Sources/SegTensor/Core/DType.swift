/// The element types a tensor can hold.
public enum DType: String, CaseIterable, CustomStringConvertible, Sendable {
    case float32, int32, bool

    /// Bytes per element in storage (bool is one byte: 0 or 1).
    public var byteSize: Int {
        switch self {
        case .float32, .int32: return 4
        case .bool: return 1
        }
    }

    public var description: String { rawValue }

    /// Parses a dtype name as the language spells it ("float32", "int32", "bool").
    public init(name: String) throws {
        guard let dtype = DType(rawValue: name) else {
            throw TensorError("unknown dtype \"\(name)\": expected float32, int32 or bool")
        }
        self = dtype
    }
}
