import SegScript

/// Completion, help and the `:vars` listing read from the interpreter's globals and built-in
/// table. Receivers are looked up, never evaluated.
final class ScriptIntrospection: ReplIntrospecting {
    private let interpreter: Interpreter

    init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    func completions(for request: CompletionRequest) -> [String] {
        switch request {
        case .name(let prefix):
            return interpreter.completions(forPrefix: prefix)
        case .member(let receiver, let prefix):
            let base = receiver.joined(separator: ".")
            return interpreter.completions(forLine: base + "." + prefix).compactMap { word in
                word.hasPrefix(base + ".") ? String(word.dropFirst(base.count + 1)) : nil
            }
        }
    }

    func help(_ name: String?) -> String? {
        guard let name else { return interpreter.helpText(for: .null) }
        if !name.contains(".") {
            if let value = interpreter.global(name) { return interpreter.helpText(for: value) }
            // A type name (`:help Tensor`) lists its properties and methods.
            guard interpreter.registry.isType(name) else { return nil }
        }
        let text = interpreter.helpText(for: .string(name))
        return text.hasPrefix("no documentation") ? nil : text
    }

    func variables() -> [VariableSummary] {
        interpreter.userGlobalNames.compactMap { name in
            guard let value = interpreter.global(name) else { return nil }
            return VariableSummary(name: name, type: value.typeName, shape: shape(of: value), bytes: approximateSize(of: value))
        }
    }

    func reset() { interpreter.reset() }

    /// Tensors show their shape, collections their length.
    private func shape(of value: Value) -> String {
        switch value {
        case .list(let list): return "len \(list.items.count)"
        case .dict(let dict): return "len \(dict.count)"
        case .string(let text): return "len \(text.count)"
        case .object:
            if let shape = try? interpreter.getMember(value, "shape"), case .list = shape { return displayString(shape) }
            return ""
        default: return ""
        }
    }

    /// The stored size of the value, which for tensors and layers is their data; 0 when the value
    /// cannot be stored (functions).
    private func approximateSize(of value: Value) -> Int {
        switch value {
        case .null, .bool, .int, .float: return 8
        default: return (try? ValueCodec.encode(value).count) ?? 0
        }
    }
}
