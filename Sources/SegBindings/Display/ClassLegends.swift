import Foundation
import SegScript
import SegTensor
import SegVision

/// A class name and its colour, as a legend under a picture shows it.
public struct LegendClass: Equatable, Sendable {
    /// The class name.
    public var name: String
    /// Red, green and blue, 0...255.
    public var color: [UInt8]

    /// A legend entry.
    public init(name: String, color: [UInt8]) { self.name = name; self.color = color }
}

/// Class names with their colours: a dataset's own (from its colour-table file) or CamVid's.
struct ClassTable: Equatable {
    var names: [String]
    var colors: [[UInt8]]

    static let camvid = ClassTable(names: CamVidClasses.standard.names, colors: CamVidClasses.standard.colors)

    /// The entries for the classes that occur in an int32 label map, in class order.
    func legend(forLabels labels: Tensor) throws -> [LegendClass] {
        let contiguous = try labels.contiguous()
        let values = contiguous.pointer(as: Int32.self)
        var present = [Bool](repeating: false, count: colors.count)
        for index in 0..<contiguous.count {
            let label = Int(values[index])
            if label >= 0, label < present.count { present[label] = true }
        }
        return present.indices.filter { present[$0] && colors[$0].count >= 3 }.map { label in
            LegendClass(name: label < names.count ? names[label] : "class \(label)", color: Array(colors[label].prefix(3)))
        }
    }

    /// The table whose colours are `palette`: a dataset's when one of them uses that palette,
    /// otherwise numbered classes.
    static func matching(palette: [[UInt8]], among tables: [ClassTable]) -> ClassTable {
        if let known = tables.first(where: { $0.colors == palette }) ?? (palette == camvid.colors ? camvid : nil) { return known }
        return ClassTable(names: palette.indices.map { "class \($0)" }, colors: palette)
    }
}

/// Legends that travel with pictures made from label maps (colourised maps, overlays, grids), so
/// `show` can put the classes under them wherever they are shown. Held weakly: a picture's entry
/// goes when the picture does.
enum PictureLegends {
    private final class Entry {
        weak var picture: Tensor?
        let legend: [LegendClass]
        init(_ picture: Tensor, _ legend: [LegendClass]) { self.picture = picture; self.legend = legend }
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [ObjectIdentifier: Entry] = [:]
    nonisolated(unsafe) private static var pruneAt = 64

    /// Records the classes `picture` shows.
    static func attach(_ legend: [LegendClass], to picture: Tensor) {
        lock.lock(); defer { lock.unlock() }
        entries[ObjectIdentifier(picture)] = Entry(picture, legend)
        if entries.count >= pruneAt {
            entries = entries.filter { $0.value.picture != nil }
            pruneAt = max(64, entries.count * 2)
        }
    }

    /// The classes recorded for `picture`, if it was made from a label map.
    static func legend(of picture: Tensor) -> [LegendClass]? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[ObjectIdentifier(picture)], entry.picture === picture else { return nil }
        return entry.legend
    }

    /// A picture's legend as a value stored beside it in the cache (`[[name, r, g, b], ...]`),
    /// so a picture restored from the cache is shown with the same legend as the one computed.
    static func storedForm(of picture: Tensor) -> Value? {
        guard let legend = legend(of: picture) else { return nil }
        return .list(legend.map { entry in .list([.string(entry.name)] + entry.color.map { .int(Int($0)) }) })
    }

    /// Attaches a legend read back from `storedForm(of:)`; bytes that do not hold one are corrupt.
    static func restore(_ stored: Value, to picture: Tensor) throws {
        let corrupt = ScriptError("stored value is corrupt: a picture's legend is not a list of [name, r, g, b]")
        guard let items = stored.asList else { throw corrupt }
        let legend = try items.map { item -> LegendClass in
            guard let fields = item.asList, fields.count == 4, let name = fields[0].asString else { throw corrupt }
            let color = try fields.dropFirst().map { component -> UInt8 in
                guard let value = component.asInt, (0...255).contains(value) else { throw corrupt }
                return UInt8(value)
            }
            return LegendClass(name: name, color: color)
        }
        attach(legend, to: picture)
    }
}

extension Bindings {
    /// The class tables of the datasets the program holds in globals, in name order, without repeats.
    static func datasetTables(_ interpreter: Interpreter) -> [ClassTable] {
        var tables: [ClassTable] = []
        for name in interpreter.userGlobalNames {
            guard let dataset = interpreter.global(name)?.asObject as? DatasetObject else { continue }
            let table = ClassTable(names: dataset.dataset.classes, colors: dataset.dataset.palette)
            if !tables.contains(table) { tables.append(table) }
        }
        return tables
    }

    /// The classes label maps are shown with: the palette given (named after the dataset that uses
    /// it), else the datasets' own table when they all share one, else CamVid's. It depends only on
    /// the program's bindings, so a run restored from the cache shows the same legends.
    static func displayClasses(palette: [[UInt8]]?, interpreter: Interpreter) -> ClassTable {
        let tables = datasetTables(interpreter)
        if let palette { return ClassTable.matching(palette: palette, among: tables) }
        return tables.count == 1 ? tables[0] : .camvid
    }

    /// The legend of one picture: the classes in a label map, or those recorded for a picture made from one.
    static func legend(of picture: Tensor, classes: ClassTable) throws -> [LegendClass] {
        if picture.dtype == .int32 { return try classes.legend(forLabels: picture) }
        return PictureLegends.legend(of: picture) ?? []
    }

    /// The union of legends, each class once, in first-seen order.
    static func mergedLegend(_ legends: [[LegendClass]]) -> [LegendClass] {
        var seen = Set<String>()
        var merged: [LegendClass] = []
        for entry in legends.joined() where seen.insert("\(entry.name)\u{0}\(entry.color)").inserted { merged.append(entry) }
        return merged
    }
}
