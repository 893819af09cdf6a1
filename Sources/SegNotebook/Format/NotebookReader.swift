import Foundation
import SegScript

/// Reads `.segnb` text into cells: `%% KIND [NAME] [key=value ...]` headers, Markdown before the first.
public enum NotebookReader {
    /// Reads and parses a notebook file; throws `NotebookLoadError` for an unreadable or malformed file.
    public static func read(path: String) throws -> Notebook {
        let text: String
        do { text = try TextFile.read(path) } catch let error as TextFileError {
            throw NotebookLoadError(diagnostics: [], readFailure: "\(path): cannot read the notebook: \(error.reason)")
        }
        return try parse(text, path: path)
    }

    /// Parses notebook text; reports every malformed header at once.
    public static func parse(_ text: String, path: String? = nil) throws -> Notebook {
        let file = path ?? "<notebook>"
        // "\r\n" is one Character in Swift, and a lone "\r" (old Mac) ends a line too: normalise
        // line ends before splitting.
        let lines = SourceFile.normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var diagnostics: [LocatedDiagnostic] = []
        var cells: [Cell] = []
        var seenNames: [String: Int] = [:]

        // A pending cell: its header and where its body starts.
        var kind: CellKind = .markdown
        var name: String?
        var options = CellOptions()
        var headerLine: Int? = nil
        var bodyStart = 1
        var body: [String] = []

        func flush() {
            while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty { body.removeLast() }
            if headerLine == nil && body.isEmpty { return }
            cells.append(Cell(number: cells.count + 1, kind: kind, name: name, options: options,
                              source: body.joined(separator: "\n"), headerLine: headerLine, firstSourceLine: bodyStart))
        }

        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            guard line.hasPrefix("%%") else { body.append(line); continue }
            flush()
            let header = HeaderParser(line: line, lineNumber: lineNumber, file: file)
            let parsed = header.parse()
            diagnostics += parsed.diagnostics
            if let cellName = parsed.name, let nameColumn = parsed.nameColumn {
                if let earlier = seenNames[cellName] {
                    diagnostics.append(LocatedDiagnostic(message: "duplicate cell name '\(cellName)' (first used on line \(earlier))", source: file, line: lineNumber, column: nameColumn, sourceLine: line))
                } else {
                    seenNames[cellName] = lineNumber
                }
            }
            kind = parsed.kind ?? .code
            name = parsed.name
            options = parsed.options
            headerLine = lineNumber
            bodyStart = lineNumber + 1
            body = []
        }
        flush()
        if !diagnostics.isEmpty { throw NotebookLoadError(diagnostics: diagnostics) }
        return Notebook(path: path, cells: cells)
    }
}

/// Parses one `%%` header line, collecting every problem on it.
struct HeaderParser {
    let line: String
    let lineNumber: Int
    let file: String

    struct Result {
        var kind: CellKind?
        var name: String?
        var nameColumn: Int?
        var options = CellOptions()
        var diagnostics: [LocatedDiagnostic] = []
    }

    /// Words after `%%` with their 1-based columns.
    func words() -> [(text: String, column: Int)] {
        var result: [(String, Int)] = []
        var current = ""
        var start = 0
        for (offset, char) in line.enumerated().dropFirst(2) {
            if char == " " || char == "\t" {
                if !current.isEmpty { result.append((current, start + 1)); current = "" }
            } else {
                if current.isEmpty { start = offset }
                current.append(char)
            }
        }
        if !current.isEmpty { result.append((current, start + 1)) }
        return result
    }

    func parse() -> Result {
        var result = Result()
        func fail(_ column: Int, _ message: String) {
            result.diagnostics.append(LocatedDiagnostic(message: message, source: file, line: lineNumber, column: column, sourceLine: line))
        }
        var tokens = words()[...]
        guard let kindWord = tokens.popFirst() else {
            fail(3, "missing cell kind after '%%' (expected md, markdown, code or params)")
            return result
        }
        switch kindWord.text {
        case "md", "markdown": result.kind = .markdown
        case "code": result.kind = .code
        case "params": result.kind = .params
        default: fail(kindWord.column, "unknown cell kind '\(kindWord.text)' (expected md, markdown, code or params)")
        }
        if let next = tokens.first, !next.text.contains("=") {
            tokens.removeFirst()
            if Self.isValidName(next.text) {
                result.name = next.text
                result.nameColumn = next.column
            } else {
                fail(next.column, "invalid cell name '\(next.text)' (a name starts with a letter or '_' and holds letters, digits, '_' or '-')")
            }
        }
        var seenOptions = Set<String>()
        for token in tokens {
            guard let equals = token.text.firstIndex(of: "=") else {
                fail(token.column, "unexpected word '\(token.text)' (the cell name comes right after the kind; options are key=value)")
                continue
            }
            let key = String(token.text[..<equals])
            let value = String(token.text[token.text.index(after: equals)...])
            let valueColumn = token.column + key.count + 1
            if !seenOptions.insert(key).inserted, Self.knownOptions.contains(key) {
                fail(token.column, "option '\(key)' given twice")
                continue
            }
            switch key {
            case "cache", "echo", "allow_error":
                guard let flag = Self.bool(value) else {
                    fail(valueColumn, "invalid value '\(value)' for option '\(key)' (expected true or false)")
                    continue
                }
                if key == "cache" { result.options.cache = flag } else if key == "echo" { result.options.echo = flag } else { result.options.allowError = flag }
            case "timeout":
                guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                    fail(valueColumn, "invalid value '\(value)' for option 'timeout' (expected a positive number of seconds)")
                    continue
                }
                result.options.timeout = seconds
            case "depends":
                let files = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard !files.isEmpty, !files.contains(where: \.isEmpty) else {
                    fail(valueColumn, "invalid value '\(value)' for option 'depends' (expected FILE[,FILE...])")
                    continue
                }
                result.options.depends = files
            default:
                fail(token.column, "unknown option '\(key)' (expected cache, echo, timeout, allow_error or depends)")
            }
        }
        return result
    }

    static let knownOptions: Set<String> = ["cache", "echo", "timeout", "allow_error", "depends"]

    static func bool(_ text: String) -> Bool? {
        switch text { case "true": return true; case "false": return false; default: return nil }
    }

    /// Names are identifier-like (letters, digits, `_`, `-`), so they never read as a cell number.
    static func isValidName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              CharacterSet.letters.contains(first) || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" }
    }
}
