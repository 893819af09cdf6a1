import Foundation

/// The kind of a notebook cell, from the word after `%%`.
public enum CellKind: String, Sendable, Equatable, Codable {
    case markdown = "md"
    case code
    case params
}

/// The per-cell options of a `%%` header line.
public struct CellOptions: Sendable, Equatable {
    /// Whether results may come from and go to the cache.
    public var cache: Bool = true
    /// Whether the report shows the cell's code.
    public var echo: Bool = true
    /// Seconds after which the cell is interrupted; nil for no limit.
    public var timeout: Double?
    /// Whether a failure is reported and the run goes on.
    public var allowError: Bool = false
    /// Files (relative to the notebook) whose content is part of the cache key.
    public var depends: [String] = []

    /// Creates the default options.
    public init() {}

    /// A canonical text for the cache key: every option in a fixed order.
    public var canonicalText: String {
        let timeoutText = timeout.map { String($0) } ?? "none"
        return "cache=\(cache) echo=\(echo) timeout=\(timeoutText) allow_error=\(allowError) depends=\(depends.joined(separator: ","))"
    }
}

/// One cell of a notebook with its place in the file.
public struct Cell: Sendable, Equatable {
    /// The 1-based position of the cell in the notebook.
    public var number: Int
    /// The cell's kind.
    public var kind: CellKind
    /// The optional unique name from the header.
    public var name: String?
    /// The header's options.
    public var options: CellOptions
    /// The cell's text, without its header line.
    public var source: String
    /// The notebook-file line of the header (nil for text before the first `%%`).
    public var headerLine: Int?
    /// The notebook-file line of the first line of `source`.
    public var firstSourceLine: Int

    /// Creates a cell.
    public init(number: Int, kind: CellKind, name: String?, options: CellOptions, source: String,
                headerLine: Int?, firstSourceLine: Int) {
        self.number = number; self.kind = kind; self.name = name; self.options = options
        self.source = source; self.headerLine = headerLine; self.firstSourceLine = firstSourceLine
    }

    /// How diagnostics name the cell: `cell 3 "train"` or `cell 3`.
    public var label: String {
        if let name { return "cell \(number) \"\(name)\"" }
        return "cell \(number)"
    }

    /// The notebook-file line of a 1-based line within `source`.
    public func notebookLine(forSourceLine line: Int) -> Int { firstSourceLine + max(line, 1) - 1 }

    /// The 1-based line within `source` as text, or nil past the end.
    public func sourceLine(_ line: Int) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1])
    }
}

/// A parsed `.segnb` notebook.
public struct Notebook: Sendable, Equatable {
    /// The file the notebook was read from, if any.
    public var path: String?
    /// Every cell in file order, numbered from 1.
    public var cells: [Cell]

    /// Creates a notebook from cells.
    public init(path: String?, cells: [Cell]) { self.path = path; self.cells = cells }

    /// The text of the first Markdown heading, if any.
    public var title: String? {
        for cell in cells where cell.kind == .markdown {
            var inFence = false
            for raw in cell.source.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
                if inFence || !line.hasPrefix("#") { continue }
                let hashes = line.prefix { $0 == "#" }.count
                let rest = line.dropFirst(hashes)
                guard hashes <= 6, rest.isEmpty || rest.first == " " else { continue }
                let text = rest.trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "#")).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { return text }
            }
        }
        return nil
    }

    /// Finds a cell by 1-based number or by name.
    public func cell(named reference: String) -> Cell? {
        if let cell = cells.first(where: { $0.name == reference }) { return cell }
        if let number = Int(reference), number >= 1, number <= cells.count { return cells[number - 1] }
        return nil
    }
}
