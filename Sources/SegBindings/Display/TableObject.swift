import Foundation
import SegScript

/// A table is also a Seg value (`type` "Table"): a cell ending in one shows it as a table, and it
/// can be stored in the cache.
extension TableOutput: ScriptObject {
    public var typeName: String { "Table" }

    public func display(full: Bool) -> String { full ? textFallback : "<Table \(rows.count)x\(columns.count)>" }

    public func getMember(_ name: String, _ interpreter: Interpreter) throws -> Value? {
        switch name {
        case "columns": return .list(columns.map(Value.string))
        case "rows": return .list(rows.map { row in .dict(Array(zip(columns, row))) })
        case "title": return title.map(Value.string) ?? .null
        default: return nil
        }
    }

    public func length() throws -> Int? { rows.count }

    /// The tag of the cache decoder.
    public static let tag = "display.table"

    private struct Stored: Codable {
        var title: String?
        var columns: [String]
        var rows: [[Cell]]
    }
    private enum Cell: Codable {
        case text(String), int(Int), float(Double), missing
    }

    public func encode() throws -> EncodedObject? {
        let stored = Stored(title: title, columns: columns, rows: rows.map { row in
            row.map { v -> Cell in
                switch v {
                case .null: return .missing
                case .int(let i): return .int(i)
                case .float(let d): return .float(d)
                case .string(let s): return .text(s)
                default: return .text(displayString(v))
                }
            }
        })
        return EncodedObject(tag: Self.tag, bytes: Array(try JSONEncoder.stored.encode(stored)))
    }

    /// Restores a table stored by `encode()`.
    public static func decode(_ bytes: [UInt8]) throws -> Value {
        let s = try JSONDecoder().decode(Stored.self, from: Data(bytes))
        let rows = s.rows.map { row in
            row.map { c -> Value in
                switch c {
                case .missing: return .null
                case .int(let i): return .int(i)
                case .float(let d): return .float(d)
                case .text(let t): return .string(t)
                }
            }
        }
        return .object(TableOutput(title: s.title, columns: s.columns, rows: rows))
    }
}
