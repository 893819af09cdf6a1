/// A message about a place in a named source (a script path, a notebook file, a cell such as
/// `cell 3 "train"`, a REPL input): the one model every error display renders from, as
/// `source:line:column: error: message`, the source line, a `^~~~` underline and any notes.
public struct LocatedDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// The file path or cell label the line and column belong to.
    public var source: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column in Unicode scalars, when known.
    public var column: Int?
    /// How many Unicode scalars the underline covers (at least 1; cut at the end of the line).
    public var length: Int
    /// The text of the line, for the underline display.
    public var sourceLine: String?
    /// Lines shown after the excerpt as `  in NOTE`: the call stack, innermost first.
    public var notes: [String]

    /// Creates a diagnostic.
    public init(message: String, source: String, line: Int? = nil, column: Int? = nil, length: Int = 1,
                sourceLine: String? = nil, notes: [String] = []) {
        self.message = message; self.source = source; self.line = line; self.column = column
        self.length = max(length, 1); self.sourceLine = sourceLine; self.notes = notes
    }

    /// `source:line:column`, as far as known (empty for a diagnostic about nothing in particular).
    public var place: String {
        var place = source
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place
    }

    /// `source:line:column: error: message`.
    public var headline: String { place.isEmpty ? "error: \(message)" : "\(place): error: \(message)" }

    /// The source line and its underline (empty without a line): what every display, the report's
    /// HTML included, shows under the headline, unindented.
    public var excerpt: [String] {
        guard let sourceLine else { return [] }
        let text = CaretUnderline.withoutLineBreak(sourceLine)
        guard let column else { return [text] }
        return [text, CaretUnderline.underline(line: text, column: column, length: length)]
    }

    /// The headline, the excerpt indented by four spaces, and `  in NOTE` for every note.
    public var description: String {
        ([headline] + excerpt.map { "    " + $0 } + notes.map { "  in " + $0 }).joined(separator: "\n")
    }
}

/// Draws the `^~~~` line under a span of a source line, lined up in a terminal or a `<pre>`.
public enum CaretUnderline {
    /// Blanks up to the 1-based scalar `column` of `line` (tabs kept, so tab-indented code lines up;
    /// wide characters count two, combining marks none; past the end of the line, one blank per
    /// missing column), a `^`, and a `~` for every further column of the span, cut at the line's end.
    public static func underline(line: String, column: Int, length: Int) -> String {
        let scalars = Array(withoutLineBreak(line).unicodeScalars)
        // A column far past the end (from a damaged cache entry) is drawn just past it, not padded for ever.
        let start = min(max(column, 1) - 1, scalars.count + 256)
        var text = ""
        for index in 0..<start {
            guard index < scalars.count else { text += " "; continue }
            text += scalars[index] == "\t" ? "\t" : String(repeating: " ", count: displayWidth(scalars[index]))
        }
        guard start < scalars.count else { return text + "^" }
        // Compared, not added: a length read from a damaged cache entry may be near Int.max.
        let span = scalars[start..<(length >= scalars.count - start ? scalars.count : start + max(length, 1))]
        let width = span.reduce(0) { $0 + ($1 == "\t" ? 1 : displayWidth($1)) }
        return text + "^" + String(repeating: "~", count: max(width, 1) - 1)
    }

    /// `line` without a trailing line break (a CR LF source's lines keep their CR until here).
    public static func withoutLineBreak(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    /// The 1-based `line` of `text`, with every kind of line end counted as the lexer counts them.
    public static func line(_ line: Int, of text: String) -> String? {
        let lines = SourceFile.normalizingLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1])
    }

    /// Terminal columns a scalar takes: 0 for combining marks and zero-width characters, 2 for East
    /// Asian wide and full-width characters and emoji, 1 otherwise.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// Blocks whose characters a terminal draws two columns wide (Unicode's East Asian Width W and F).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
