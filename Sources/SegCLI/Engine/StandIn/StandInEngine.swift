import Foundation
import SegNotebook
import SegVision
import Synchronization

/// A tiny stand-in for the Seg language, selected with `SEGNB_TEST_ENGINE=standin`, so that the
/// terminal tests can drive the REPL end to end before (and independently of) the real language.
/// It understands only: `let|var NAME = EXPR`, `NAME = EXPR`, `fn NAME(...) { ... }` (recorded,
/// not run), `spin(N)` (a loop that polls the interruption flag), `show_image()`, `error(MSG)`,
/// and expressions that are an Int, a string, a name, or `A + B` of those.
final class StandInEngine: ReplIntrospecting, @unchecked Sendable {
    var bindings: [String: StandInValue] = [:]
    var versions: [String: UInt64] = [:]
    let interrupted = Atomic<Bool>(false)
    static let builtins = ["print", "spin", "show_image", "error", "len", "camvid"]
    static let moduleMembers = ["camvid": ["load", "palette", "classes"]]
    static let typeMembers = ["Dataset": ["classes", "class_weights", "class_frequencies", "loader"]]

    /// Runs a chunk line by line; throws `CellFailure` at the failing line.
    func run(_ source: String, emit: (DisplayItem) -> Void) throws {
        var last: StandInValue?
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimming(" \t")
            if line.isEmpty || line.hasPrefix("#") || line == "}" { continue }
            do {
                last = try statement(line, emit: emit)
            } catch let failure as StandInFailure {
                let stopped = failure.message == "interrupted"
                throw CellFailure(message: failure.message, line: index + 1, column: 1, isInterruption: stopped)
            }
            if source.hasPrefix("fn ") { break }
        }
        if let last, last != .nothing { emit(.value(last.display)) }
    }

    private func statement(_ line: String, emit: (DisplayItem) -> Void) throws -> StandInValue {
        if line.hasPrefix("fn "), let open = line.firstIndex(of: "(") {
            let name = line.dropFirst(3)[..<open].trimming(" ")
            bindings[name] = .function(name)
            versions[name, default: 0] += 1
            return .nothing
        }
        var text = line
        for keyword in ["let ", "var "] where text.hasPrefix(keyword) { text = String(text.dropFirst(keyword.count)) }
        if let equals = text.firstIndex(of: "="), text[text.index(after: equals)...].first != "=" {
            let name = text[..<equals].trimming(" ")
            if name.allSatisfy(isIdentifierCharacter), !name.isEmpty {
                bindings[name] = try expression(text[text.index(after: equals)...].trimming(" "), emit: emit)
                versions[name, default: 0] += 1
                return .nothing
            }
        }
        return try expression(text, emit: emit)
    }

    private func expression(_ text: String, emit: (DisplayItem) -> Void) throws -> StandInValue {
        if text.hasPrefix("spin("), let n = Int(text.dropFirst(5).dropLast()) {
            var total = 0
            for i in 0..<n {
                if interrupted.load(ordering: .relaxed) { throw StandInFailure(message: "interrupted") }
                total &+= i
                if i % 1000 == 0 { usleep(1000) }
            }
            return .int(total)
        }
        if text == "show_image()" {
            var rgb: [UInt8] = []
            for i in 0..<32 {
                let red = UInt8(i * 8)
                rgb += [red, 128, 255 - red]
            }
            let pixels = rgb
            emit(.image(DisplayImage(title: "demo", width: 8, height: 4, rgb: rgb,
                                     legend: [LegendEntry(name: "road", red: 128, green: 64, blue: 128)],
                                     encodePNG: { try PNGCodec.encode8(pixels, width: 8, height: 4, channels: 3) })))
            return .nothing
        }
        if text.hasPrefix("error("), text.hasSuffix(")") {
            throw StandInFailure(message: String(text.dropFirst(6).dropLast()))
        }
        if text.hasPrefix("print("), text.hasSuffix(")") {
            emit(.text(try expression(String(text.dropFirst(6).dropLast()), emit: emit).display + "\n"))
            return .nothing
        }
        if text.hasPrefix("camvid.load(") { return .dataset }
        if let plus = text.firstIndex(of: "+") {
            let lhs = try expression(text[..<plus].trimming(" "), emit: emit)
            let rhs = try expression(text[text.index(after: plus)...].trimming(" "), emit: emit)
            if case .int(let a) = lhs, case .int(let b) = rhs { return .int(a &+ b) }
            return .string(lhs.plain + rhs.plain)
        }
        if let n = Int(text) { return .int(n) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { return .string(String(text.dropFirst().dropLast())) }
        if let value = bindings[text] { return value }
        throw StandInFailure(message: "unknown name '\(text)'")
    }

    func completions(for request: CompletionRequest) -> [String] {
        switch request {
        case .name:
            return Array(bindings.keys) + Self.builtins + ["let", "var", "fn", "for", "while"]
        case .member(let receiver, _):
            guard receiver.count == 1, let name = receiver.first else { return [] }
            if let members = Self.moduleMembers[name] { return members }
            guard let value = bindings[name] else { return [] }
            return Self.typeMembers[value.typeName] ?? []
        }
    }

    func help(_ name: String?) -> String? {
        guard let name else { return "Built-ins: " + Self.builtins.joined(separator: ", ") }
        return Self.builtins.contains(name) ? "\(name)(...): a stand-in built-in" : nil
    }

    func variables() -> [VariableSummary] {
        bindings.keys.sorted().compactMap { name in
            bindings[name].map { VariableSummary(name: name, type: $0.typeName, shape: "", bytes: 8) }
        }
    }

    func reset() { bindings.removeAll() }
}

/// A stand-in error.
struct StandInFailure: Error {
    let message: String
}

/// The stand-in's values.
enum StandInValue: Equatable, Codable {
    case nothing, int(Int), string(String), function(String), dataset

    var typeName: String {
        switch self {
        case .nothing: return "Nil"
        case .int: return "Int"
        case .string: return "String"
        case .function: return "Function"
        case .dataset: return "Dataset"
        }
    }

    var display: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        default: return plain
        }
    }

    var plain: String {
        switch self {
        case .nothing: return "nil"
        case .int(let n): return "\(n)"
        case .string(let s): return s
        case .function(let name): return "<fn \(name)>"
        case .dataset: return "<Dataset>"
        }
    }
}
