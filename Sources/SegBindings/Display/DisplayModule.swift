import Foundation
import SegScript
import SegTensor
import SegVision

extension Bindings {
    /// `show`, `table`, `md`, `progress` and the `plot` module.
    static func registerDisplayModule(into registry: Registry) {
        registry.register(decoder: TableOutput.tag, TableOutput.decode)
        registry.register(builtins: [
            Builtin("show", [Param("x"), .optional("title"), .optional("palette"), .optional("captions")],
                    doc: "Displays a value: pictures (captions: one per picture), label maps with their class legend, tables or its printed form") { a in
                try show(a[0], title: a.optionalString(1), palette: a[2], captions: a[3], interpreter: a.interpreter)
                return .null
            },
            Builtin("table", [Param("rows"), .optional("title")], doc: "Displays a list of dicts (or lists) as a table") { a in
                a.interpreter.sink.rich(try makeTable(a[0], title: a.optionalString(1)))
                return .null
            },
            Builtin("md", [Param("text")], doc: "Emits Markdown into the output") { a in
                a.interpreter.sink.rich(MarkdownOutput(try a.string(0)))
                return .null
            },
            Builtin("progress", [Param("iterable"), Param("label", .string(""))],
                    doc: "Passes items through, drawing a progress bar with rate and ETA on a terminal") { a in
                try ProgressBar.wrap(a[0], label: a.string(1), interpreter: a.interpreter)
            },
        ])
        registerPlotModule(into: registry)
    }

    /// Numbers from any iterable (a List, a Range, a 1-D tensor's list).
    static func numbers(_ a: Arguments, _ i: Int) throws -> [Double] {
        if let t = a[i].asTensor { return t.floats().map(Double.init) }
        return try a.sequence(i).map { v -> Double in
            guard let d = v.asDouble else {
                throw ScriptError("\(a.builtin.name)(): argument '\(a.builtin.parameters[i].name)' must hold numbers, not \(v.typeName)")
            }
            return d
        }
    }

    /// What `show(x)` emits for each kind of value.
    static func show(_ x: Value, title: String?, palette: Value, captions: Value = .null, interpreter: Interpreter) throws {
        let classes = displayClasses(palette: try paletteColors(palette), interpreter: interpreter)
        var pictures: [Tensor]?
        if let t = x.asTensor, isPicture(t) {
            pictures = [t]
        } else if let items = x.asList, !items.isEmpty {
            let tensors = items.compactMap(\.asTensor)
            if tensors.count == items.count, tensors.allSatisfy(isPicture) { pictures = tensors }
        }
        if let pictures {
            let legends = try pictures.map { try legend(of: $0, classes: classes) }
            interpreter.sink.rich(ImageOutput(images: pictures, captions: try pictureCaptions(captions, count: pictures.count), title: title,
                                              palette: classes.colors, classNames: classes.names, legends: legends))
            return
        }
        if !captions.isNull { throw ScriptError("show(): captions are for pictures, and \(x.typeName) is not one") }
        if let table = x.asObject as? TableOutput {
            interpreter.sink.rich(table)
            return
        }
        if case .dict = x {
            interpreter.sink.rich(try makeTable(x, title: title))
            return
        }
        if let items = x.asList, !items.isEmpty, items.allSatisfy({ if case .dict = $0 { return true }; return false }) {
            interpreter.sink.rich(try makeTable(x, title: title))
            return
        }
        interpreter.sink.display(x)
    }

    /// One caption per picture from `captions:` (a List of Strings or nils, or one String for one picture).
    static func pictureCaptions(_ captions: Value, count: Int) throws -> [String?] {
        if captions.isNull { return Array(repeating: nil, count: count) }
        if let text = captions.asString, count == 1 { return [text] }
        guard let items = captions.asList else {
            throw ScriptError("show(): captions must be a List of Strings, one per picture, not \(captions.typeName)")
        }
        guard items.count == count else {
            throw ScriptError("show(): \(items.count) caption\(items.count == 1 ? "" : "s") for \(count) picture\(count == 1 ? "" : "s")")
        }
        return try items.map { item -> String? in
            if item.isNull { return nil }
            guard let text = item.asString else { throw ScriptError("show(): a caption must be a String, not \(item.typeName)") }
            return text
        }
    }

    /// A float `[3|1, H, W]` picture or an int32 `[H, W]` label map.
    static func isPicture(_ t: Tensor) -> Bool {
        if t.dtype == .int32 { return t.shape.count == 2 }
        return t.dtype == .float32 && t.shape.count == 3 && (t.shape[0] == 3 || t.shape[0] == 1)
    }

    /// A palette given as a list of [r, g, b] lists; nil for `nil`.
    static func paletteColors(_ v: Value) throws -> [[UInt8]]? {
        if case .null = v { return nil }
        if let table = v.asTensor { return try paletteColors(table) }
        guard let list = v.asList else { throw ScriptError("palette must be a List of [r, g, b] colours or a [K, 3] tensor, not \(v.typeName)") }
        return try list.map { c -> [UInt8] in
            guard let rgb = c.asList, rgb.count == 3 else { throw ScriptError("palette entries must be [r, g, b] lists") }
            return try rgb.map { component -> UInt8 in
                guard let i = component.asInt, (0...255).contains(i) else { throw ScriptError("palette components must be Ints in 0...255") }
                return UInt8(i)
            }
        }
    }

    /// A `[K, 3]` tensor of whole numbers in 0...255 (int32, or float32 as `tensor(ds.palette)` gives) as colours.
    static func paletteColors(_ table: Tensor) throws -> [[UInt8]] {
        guard table.dtype != .bool, table.rank == 2, table.shape[1] == 3 else {
            throw ScriptError("palette must be a [K, 3] tensor of 0...255 colours, not \(table.dtype) \(table.shape)")
        }
        let components = table.doubles()
        guard let bad = components.firstIndex(where: { !(0...255).contains($0) || $0.rounded() != $0 }) else {
            return stride(from: 0, to: components.count, by: 3).map { at in components[at..<at + 3].map { UInt8($0) } }
        }
        throw ScriptError("palette components must be whole numbers in 0...255, not \(components[bad]) (row \(bad / 3))")
    }

    /// Rows as a table: a list of dicts (columns from the keys, in first-seen order), a list of
    /// lists, or one dict (two columns).
    static func makeTable(_ rows: Value, title: String?) throws -> TableOutput {
        if case .dict(let d) = rows {
            return TableOutput(title: title, columns: ["key", "value"], rows: d.pairs.map { [.string($0.0), $0.1] })
        }
        guard let items = rows.asList else { throw ScriptError("table(): rows must be a List of Dicts or Lists, not \(rows.typeName)") }
        var columns: [String] = []
        for item in items {
            if case .dict(let d) = item {
                for k in d.keys where !columns.contains(k) { columns.append(k) }
            }
        }
        if !columns.isEmpty {
            let out = try items.map { item -> [Value] in
                guard case .dict(let d) = item else { throw ScriptError("table(): every row must be a Dict when one is") }
                return columns.map { d[$0] ?? .null }
            }
            return TableOutput(title: title, columns: columns, rows: out)
        }
        let out = items.map { $0.asList ?? [$0] }
        let width = out.map(\.count).max() ?? 0
        return TableOutput(title: title, columns: (0..<width).map { "\($0)" },
                           rows: out.map { $0 + Array(repeating: Value.null, count: width - $0.count) })
    }
}

extension Value {
    /// Whether this is `nil`.
    var isNull: Bool { if case .null = self { return true }; return false }
}
