import Foundation
import SegScript

/// One parameter declared in a params cell: `let NAME = LITERAL`.
public struct ParamDeclaration: Sendable, Equatable {
    /// The parameter's name.
    public var name: String
    /// Its default value from the notebook.
    public var defaultValue: ParamValue
    /// The notebook-file line that declares it.
    public var line: Int
    /// The number of the params cell that declares it.
    public var cellNumber: Int
}

/// Why a `-p NAME=VALUE` override was refused.
public struct ParamOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The unknown name or malformed override.
    public var message: String
    /// A description of the error, listing the params and their defaults.
    public var description: String { message }
}

extension Notebook {
    /// The params declared in the notebook's params cells, in order; the last declaration of a name wins.
    public func parameters() throws -> [ParamDeclaration] {
        var result: [ParamDeclaration] = []
        var diagnostics: [LocatedDiagnostic] = []
        for cell in cells where cell.kind == .params {
            for (offset, raw) in cell.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lineNumber = cell.notebookLine(forSourceLine: offset + 1)
                let code = SourceFile.strippingComment(String(raw)).trimmingCharacters(in: .whitespaces)
                if code.isEmpty { continue }
                guard let declaration = Self.parseDeclaration(code) else {
                    let nested = ParamValue.isNestedTooDeeply(code)
                    let column = (raw.firstIndex { $0 != " " && $0 != "\t" }).map { raw.distance(from: raw.startIndex, to: $0) + 1 } ?? 1
                    diagnostics.append(LocatedDiagnostic(
                        message: nested ? "list nested too deeply (more than \(ParamValue.maxNesting) levels) in \(cell.label)" : "a params cell holds lines of the form `let NAME = LITERAL` (a number, string, boolean or list) in \(cell.label)",
                        source: path ?? "<notebook>", line: lineNumber, column: column, sourceLine: String(raw)))
                    continue
                }
                result.removeAll { $0.name == declaration.0 }
                result.append(ParamDeclaration(name: declaration.0, defaultValue: declaration.1, line: lineNumber, cellNumber: cell.number))
            }
        }
        if !diagnostics.isEmpty { throw NotebookLoadError(diagnostics: diagnostics) }
        return result
    }

    /// The values in effect: defaults, then `-p` overrides (raw `NAME=VALUE` texts), checked against the declared names.
    /// `seed` is always accepted (default 0).
    public func resolveParameters(overrides: [String]) throws -> [(name: String, value: ParamValue)] {
        let declared = try parameters()
        var values = declared.map { (name: $0.name, value: $0.defaultValue) }
        for override in overrides {
            guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
                throw ParamOverrideError(message: "malformed parameter '\(override)': expected NAME=VALUE\n" + paramsListing(declared))
            }
            let name = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
            let text = String(override[override.index(after: equals)...])
            if ParamValue.isNestedTooDeeply(text) {
                throw ParamOverrideError(message: "parameter '\(name)': list nested too deeply (more than \(ParamValue.maxNesting) levels)")
            }
            let value = ParamValue.parseOverride(text)
            if let index = values.firstIndex(where: { $0.name == name }) {
                values[index].value = try Self.typed(value, text: text, name: name, default: values[index].value)
            } else if name == "seed" {
                values.append((name: "seed", value: try Self.typed(value, text: text, name: name, default: .int(0))))
            } else {
                throw ParamOverrideError(message: "unknown parameter '\(name)'\n" + paramsListing(declared))
            }
        }
        return values
    }

    /// An override checked against the type of the param's default (see `ParamType`).
    static func typed(_ value: ParamValue, text: String, name: String, default defaultValue: ParamValue) throws -> ParamValue {
        let type = ParamType(of: defaultValue)
        if let accepted = type.accept(value, text: text) { return accepted }
        var message = "-p \(name)=\(text): parameter '\(name)' expects \(type) (its default is \(defaultValue)), and '\(text)' is not one"
        switch (value, type) {
        case (.string, _):
            let looksNumeric = !text.isEmpty && text.allSatisfy { "0123456789+-._eE".contains($0) }
            if looksNumeric, type == .int || type == .float {
                message += " (a number too large for \(type))"
            } else if case .list = type, text.contains(",") {
                message += " (write a list in brackets: \(name)=[\(text)])"
            } else if type == .bool {
                message += " (write true or false in lower case)"
            }
        case (.list, .list(let item?)):
            message += " (not all of its items are \(item.plural))"
        default:
            message += " (it is \(value.typeDescription))"
        }
        throw ParamOverrideError(message: message)
    }

    /// `--list-params` text: each param with its default, one a line.
    public func paramsListing(_ declared: [ParamDeclaration]? = nil) -> String {
        let list = declared ?? ((try? parameters()) ?? [])
        var lines = ["parameters of \(path ?? "the notebook"):"]
        if list.isEmpty { lines.append("  (none declared)") }
        for param in list { lines.append("  \(param.name) = \(param.defaultValue)") }
        if !list.contains(where: { $0.name == "seed" }) { lines.append("  seed = 0 (implicit)") }
        return lines.joined(separator: "\n")
    }

    static func parseDeclaration(_ code: String) -> (String, ParamValue)? {
        let rest: Substring
        if code.hasPrefix("let ") { rest = code.dropFirst(4) } else if code.hasPrefix("var ") { rest = code.dropFirst(4) } else { return nil }
        guard let equals = rest.firstIndex(of: "=") else { return nil }
        let name = rest[..<equals].trimmingCharacters(in: .whitespaces)
        guard HeaderParser.isValidName(name), !name.contains("-") else { return nil }
        guard let value = ParamValue.parseLiteral(String(rest[rest.index(after: equals)...])) else { return nil }
        return (name, value)
    }
}
