import Foundation

/// Class names with their RGB colours: decodes colour-coded masks and is the display palette.
///
/// `void` is the index given to colours not in the table (and to a class named "Void" or
/// "Unlabelled", which is not counted among `names`).
public struct ColorTable: Equatable, Sendable {
    /// The class names, in index order.
    public var names: [String]
    /// One RGB colour per class.
    public var colors: [[UInt8]]
    /// The index for void pixels (colours not in the table).
    public var void: Int
    /// The colour that marks void, if the table had one (drawn for void pixels).
    public var voidColor: [UInt8]

    /// A table of classes; `void` defaults to `names.count`.
    public init(names: [String], colors: [[UInt8]], void: Int? = nil, voidColor: [UInt8] = [0, 0, 0]) {
        self.names = names
        self.colors = colors
        self.void = void ?? names.count
        self.voidColor = voidColor
    }

    static func isVoidName(_ name: String) -> Bool {
        ["void", "unlabelled", "unlabeled"].contains(name.lowercased())
    }

    /// Parses `class_dict.csv` (`name,r,g,b` with a header line) naming the file in errors.
    public static func parseClassDict(_ text: String, name file: String) throws -> ColorTable {
        var entries: [(String, [UInt8])] = []
        for (number, line) in lines(text) where number > 1 || !line.lowercased().hasPrefix("name") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 4 else { throw VisionError("\(file):\(number): expected name,r,g,b, got \"\(line)\"") }
            entries.append((fields[0], try rgb(fields[1...3], file: file, line: number)))
        }
        return try build(entries, file: file)
    }

    /// Parses `label_colors.txt` (`R G B<whitespace>Name`) naming the file in errors.
    public static func parseLabelColors(_ text: String, name file: String) throws -> ColorTable {
        var entries: [(String, [UInt8])] = []
        for (number, line) in lines(text) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 4 else { throw VisionError("\(file):\(number): expected \"R G B Name\", got \"\(line)\"") }
            entries.append((fields[3...].joined(separator: " "), try rgb(fields[0...2], file: file, line: number)))
        }
        return try build(entries, file: file)
    }

    /// Parses the SegNet layout's `classes.csv` (`index,name,r,g,b` with a header line).
    public static func parseClassesCSV(_ text: String, name file: String) throws -> ColorTable {
        var rows: [(Int, String, [UInt8])] = []
        for (number, line) in lines(text) where number > 1 || !line.lowercased().hasPrefix("index") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 5, let index = Int(fields[0]), index >= 0, index < 256 else {
                throw VisionError("\(file):\(number): expected index,name,r,g,b, got \"\(line)\"")
            }
            rows.append((index, fields[1], try rgb(fields[2...4], file: file, line: number)))
        }
        rows.sort { $0.0 < $1.0 }
        for (position, row) in rows.enumerated() where row.0 != position {
            throw VisionError("\(file): class indices must run 0, 1, 2, ... without gaps (found \(row.0) at position \(position))")
        }
        if let voidRow = rows.firstIndex(where: { isVoidName($0.1) }), voidRow != rows.count - 1 {
            throw VisionError("\(file): the void class \"\(rows[voidRow].1)\" must have the last index")
        }
        return try build(rows.map { ($0.1, $0.2) }, file: file)
    }

    /// Reads whichever of the table formats `path` is, by its file name.
    public static func read(_ path: String) throws -> ColorTable {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw VisionError("\(path): cannot read colour table (\(error.localizedDescription))")
        }
        let file = (path as NSString).lastPathComponent.lowercased()
        if file.hasSuffix(".txt") { return try parseLabelColors(text, name: path) }
        if file == "classes.csv" { return try parseClassesCSV(text, name: path) }
        return try parseClassDict(text, name: path)
    }

    private static func lines(_ text: String) -> [(Int, String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.isEmpty || line.hasPrefix("#") ? nil : (index + 1, line)
        }
    }

    private static func rgb<S: Collection>(_ fields: S, file: String, line: Int) throws -> [UInt8] where S.Element == String {
        try fields.map { field in
            guard let value = Int(field), (0...255).contains(value) else {
                throw VisionError("\(file):\(line): colour component \"\(field)\" is not an integer 0...255")
            }
            return UInt8(value)
        }
    }

    private static func build(_ entries: [(String, [UInt8])], file: String) throws -> ColorTable {
        var names: [String] = [], colors: [[UInt8]] = [], voidColor: [UInt8] = [0, 0, 0]
        for (name, color) in entries {
            if isVoidName(name) { voidColor = color; continue }
            names.append(name)
            colors.append(color)
        }
        guard !names.isEmpty else { throw VisionError("\(file): colour table has no classes") }
        return ColorTable(names: names, colors: colors, void: names.count, voidColor: voidColor)
    }

    /// Maps a decoded RGB(A) image to class indices.
    func map(_ png: DecodedPNG, into out: UnsafeMutablePointer<Int32>, name: String) throws {
        guard !png.sixteenBit else { throw VisionError("\(name): 16-bit colour-coded label images are not supported") }
        var lookup: [UInt32: Int32] = [:]
        for (index, color) in colors.enumerated() where lookup[key(color)] == nil {
            lookup[key(color)] = Int32(index)
        }
        let voidIndex = Int32(void)
        let stride = png.channels
        png.samples8.withUnsafeBufferPointer { src in
            var lastKey = UInt32.max, lastValue = voidIndex
            for i in 0..<(png.width * png.height) {
                let k = UInt32(src[i * stride]) << 16 | UInt32(src[i * stride + 1]) << 8 | UInt32(src[i * stride + 2])
                if k != lastKey {
                    lastKey = k
                    lastValue = lookup[k] ?? voidIndex
                }
                out[i] = lastValue
            }
        }
    }

    private func key(_ c: [UInt8]) -> UInt32 {
        c.count >= 3 ? UInt32(c[0]) << 16 | UInt32(c[1]) << 8 | UInt32(c[2]) : UInt32.max
    }
}
