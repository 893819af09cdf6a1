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
        case .string(let s) where registry.function(s) != nil || registry.moduleNames.contains(s) || s.contains(".") || registry.isType(s):
            // help("nn.conv2d"), help("append"), help("Tensor") or help("Tensor.shape") by name.
            let parts = s.split(separator: ".").map(String.init)
            if parts.count == 2, let b = registry.function(parts[1], module: parts[0]) ?? registry.method(parts[1], of: parts[0]) { return helpText(for: .builtin(BuiltinFunction(b))) }
            if parts.count == 2, let p = registry.property(parts[1], of: parts[0]) { return "\(parts[0])\(p.signature)\n    \(p.doc)" }
            if registry.isType(s) { return typeHelp(s) }
            if let b = registry.function(s) { return helpText(for: .builtin(BuiltinFunction(b))) }
            if registry.moduleNames.contains(s) { return helpText(for: .object(ModuleObject(name: s))) }
            return "no documentation for \(quoted(s))"
        default:
            return typeHelp(value.typeName)
        }
    }

    /// A type's properties and methods, one line each.
    func typeHelp(_ type: String) -> String {
        var lines = ["a \(type)"]
        let properties = registry.propertyNames(of: type)
        if !properties.isEmpty {
            lines.append("properties:")
            for name in properties { if let p = registry.property(name, of: type) { lines.append("  \(p.signature)  \(p.doc)") } }
        }
        let methods = registry.methodNames(of: type)
        if !methods.isEmpty {
            lines.append("methods:")
            for m in methods { if let b = registry.method(m, of: type) { lines.append("  \(b.signature)  \(b.doc)") } }
        }
        return lines.joined(separator: "\n")
    }
}

extension Registry {
    /// The language reference of every registered built-in, as Markdown (for docs/language.md).
    public func markdownReference(title: String = "Seg built-in reference") -> String {
        var out = "# \(title)\n\nA syntax guide (every example is run by the tests), then the built-in table; every entry is callable as shown.\n\n"
            + Registry.syntaxGuideMarkdown + Registry.languageNotes
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
        for t in Set(methods.keys).union(properties.keys).sorted() {
            if let list = properties[t], !list.isEmpty {
                out += "\n## Properties of \(t)\n\n| Property | Description |\n|---|---|\n"
                for p in list.values.sorted(by: { $0.name < $1.name }) {
                    out += "| `\(p.signature)` | \(p.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
                }
            }
            section("Methods of \(t)", Array((methods[t] ?? [:]).values))
        }
        return out
    }
}

extension Registry {
    /// What Seg does where the syntax guide leaves a choice open: the "Language notes" of docs/language.md.
    public static let languageNotes = """
    ## Language notes

    - `and` / `or` short-circuit and give the deciding operand (`nil or 5` is `5`), as in Python;
      `not` gives a Bool.
    - `==` never equates a Bool with a number (`true == 1` is false); Int and Float compare by value.
    - `/` on Floats follows IEEE (`1.0 / 0` is `inf`); on two Ints a zero divisor is an error.
      `//` and `%` floor (Python's signs: `-7 % 3` is `2`).
    - `**` on Ints with a non-negative exponent stays an Int (overflow is an error); a negative
      exponent gives a Float.
    - `round(x)` rounds half to even and gives an Int; `round(x, digits)` rounds a Float to that
      many decimals (to tens, hundreds, ... when negative) as Python does, and keeps an Int an Int:
      `round(1234, -2)` is `1200`, `round(1.5, 1000)` is `1.5`.
    - Top-level `let` may be re-declared by a later chunk (re-running a cell); assigning to it with
      `=` is an error. Declarations inside blocks are local to the block.
    - Loop variables and `catch` bindings are local to their block; each loop iteration gets fresh
      variables, so closures made in a loop capture that iteration's values.
    - `break`/`continue` outside a loop and `return` outside a function are syntax errors.
    - Default parameter values are evaluated at each call, in the callee (they may use earlier
      parameters).
    - A line starting with `.` or `|>` continues the previous expression; `else` and `catch` may
      start the line after a closing brace.
    - Triple-quoted strings drop a closing delimiter's line and its indentation, as in Swift.
    - `(a..<b).step(k)` with a negative k counts down from a towards b; `range(a, b, step)` is the
      Python equivalent.
    - Calls nest at most 1000 deep by default (`Interpreter.maxCallDepth`); deeper recursion is a
      "stack overflow" error, never a crash.
    - Source may nest brackets, blocks and operands at most 200 levels deep ("nested too deeply",
      with the place); chains do not count as nesting, so `1 + 1 + ... + 1` and
      `x.f().g()...` may run to 100,000 operations. Scripts may end lines with LF, CR LF or CR.
    - Values may nest to any depth: `==`, fingerprinting for the notebook cache and freeing walk
      them without recursion. Printing shows 50 levels and writes `[...]` / `{...}` below them (as
      Python's reprlib elides); a notebook cell's value nested more than 1000 deep is not cached.

    """
}
