/// `help(x)` text and the generated Markdown language reference, both read from the registry.
extension Interpreter {
    /// The documentation `help(x)` prints.
    public func helpText(for value: Value) -> String {
        switch value {
        case .null:
            var lines = ["Built-in functions:"]
            for name in registry.globals.keys.sorted() { if let b = registry.globals[name] { lines.append("  \(b.signature)  \(b.doc)") } }
            if !registry.moduleNames.isEmpty { lines.append("Modules: " + registry.moduleNames.joined(separator: ", ") + " (help(module) lists its functions)") }
            return lines.joined(separator: "\n")
        case .builtin(let b):
            return "\(b.builtin.signature)\n    \(b.builtin.doc)"
        case .function(let c):
            return "fn \(c.info.name)(\(c.info.paramNames.joined(separator: ", ")))  defined at \(c.info.range.file.name):\(c.info.range.line)"
        case .object(let m as ModuleObject):
            var lines = ["module \(m.name)" + (registry.doc(ofModule: m.name).map { ": \($0)" } ?? "")]
            for name in registry.members(ofModule: m.name) {
                if let b = registry.function(name, module: m.name) { lines.append("  \(b.signature)  \(b.doc)") } else { lines.append("  \(m.name).\(name)") }
            }
            return lines.joined(separator: "\n")
        case .string(let s) where registry.function(s) != nil || registry.moduleNames.contains(s) || s.contains("."):
            // help("nn.conv2d") or help("append") by name.
            let parts = s.split(separator: ".").map(String.init)
            if parts.count == 2, let b = registry.function(parts[1], module: parts[0]) ?? registry.method(parts[1], of: parts[0]) { return helpText(for: .builtin(BuiltinFunction(b))) }
            if let b = registry.function(s) { return helpText(for: .builtin(BuiltinFunction(b))) }
            if registry.moduleNames.contains(s) { return helpText(for: .object(ModuleObject(name: s))) }
            return "no documentation for \(quoted(s))"
        default:
            let type = value.typeName
            var lines = ["a \(type)"]
            let methods = registry.methodNames(of: type)
            if !methods.isEmpty {
                lines.append("methods:")
                for m in methods { if let b = registry.method(m, of: type) { lines.append("  \(b.signature)  \(b.doc)") } }
            }
            return lines.joined(separator: "\n")
        }
    }
}

extension Registry {
    /// The language reference of every registered built-in, as Markdown (for docs/language.md).
    public func markdownReference(title: String = "Seg built-in reference") -> String {
        var out = "# \(title)\n\nGenerated from the built-in table; every entry is callable as shown.\n"
        func section(_ heading: String, _ items: [Builtin]) {
            guard !items.isEmpty else { return }
            out += "\n## \(heading)\n\n| Signature | Description |\n|---|---|\n"
            for b in items.sorted(by: { $0.name < $1.name }) {
                out += "| `\(b.signature.replacingOccurrences(of: "|", with: "\\|"))` | \(b.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        section("Global functions", Array(globals.values))
        for m in moduleNames {
            if let doc = moduleDocs[m] { out += "\n## Module `\(m)`\n\n\(doc)\n" }
            section(moduleDocs[m] == nil ? "Module `\(m)`" : "Functions of `\(m)`", Array((modules[m] ?? [:]).values))
        }
        for t in methods.keys.sorted() { section("Methods of \(t)", Array((methods[t] ?? [:]).values)) }
        return out
    }
}
