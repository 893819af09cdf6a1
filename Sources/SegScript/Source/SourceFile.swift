import Foundation

/// A piece of Seg source with a display name ("cell 3 'train'" or a path) and a line offset that
/// maps its lines to the lines of the file it came from (a notebook cell starts mid-file).
public final class SourceFile {
    /// The name diagnostics show before the line number.
    public let name: String
    /// The source text.
    public let text: String
    /// Added to every 1-based line number in diagnostics.
    public let lineOffset: Int
    /// UTF-8 bytes of `text`, what the lexer scans.
    let bytes: [UInt8]
    /// Byte offset of the start of every line.
    let lineStarts: [Int]

    /// Wraps `text` for lexing and diagnostics; every line end counts (see `normalizingLineEnds`).
    public init(name: String, text: String, lineOffset: Int = 0) {
        let text = SourceFile.normalizingLineEnds(text)
        self.name = name
        self.text = text
        self.lineOffset = lineOffset
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// `text` with Windows (CR LF) and old Mac (lone CR) line ends as LF, as Python's universal
    /// newlines read them: a file saved with CR alone is still many lines, not one.
    public static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `line` without its `#` comment (a `#` inside a string literal does not start one).
    public static func strippingComment(_ line: String) -> String {
        var inString = false
        var escaped = false
        var code = ""
        for char in line {
            if inString {
                if escaped { escaped = false } else if char == "\\" { escaped = true } else if char == "\"" { inString = false }
            } else if char == "\"" {
                inString = true
            } else if char == "#" {
                break
            }
            code.append(char)
        }
        return code
    }

    /// The 0-based line index holding byte `offset`.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Text of the 0-based line `index` without its line break.
    func lineText(_ index: Int) -> String {
        guard index >= 0, index < lineStarts.count else { return "" }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// Column (1-based, in Unicode scalars) of byte `offset`.
    func column(of offset: Int) -> Int {
        let start = lineStarts[lineIndex(of: offset)]
        let clamped = min(max(offset, start), bytes.count)
        let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
        return prefix.unicodeScalars.count + 1
    }
}

/// A span of source: byte offsets into a `SourceFile`.
public struct SourceRange {
    /// The file the span belongs to.
    public let file: SourceFile
    /// First byte.
    public let start: Int
    /// One past the last byte.
    public let end: Int

    init(_ file: SourceFile, _ start: Int, _ end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// 1-based line in the originating file (the line offset applied).
    public var line: Int { file.lineIndex(of: start) + 1 + file.lineOffset }
    /// 1-based line within this source text.
    public var localLine: Int { file.lineIndex(of: start) + 1 }
    /// 1-based column.
    public var column: Int { file.column(of: start) }
    /// The source line the span starts on.
    public var sourceLine: String { file.lineText(file.lineIndex(of: start)) }

    /// A range covering `self` through `other`.
    func to(_ other: SourceRange) -> SourceRange { SourceRange(file, start, max(end, other.end)) }
}
