import Foundation

extension JSONEncoder {
    /// The encoder for JSON stored in cache entries: sorted keys, so that the same value always
    /// gives the same bytes (a dictionary's order changes from one process to the next).
    static var stored: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
