import Foundation

/// The key parts of every code cell in a notebook's last run, kept so `segnb explain` can diff them.
struct KeyManifest: Codable {
    struct Record: Codable {
        var number: Int
        var name: String?
        var sourceHash: String
        var parts: [KeyPart]
    }

    var cells: [Record] = []

    mutating func record(cell: Cell, parts: [KeyPart]) {
        cells.removeAll { $0.number == cell.number }
        cells.append(Record(number: cell.number, name: cell.name, sourceHash: CacheHashing.hex(cell.source), parts: parts))
    }

    /// The earlier record of a cell: same name, else same source, else same number.
    func previous(of cell: Cell) -> Record? {
        if let name = cell.name, let record = cells.first(where: { $0.name == name }) { return record }
        let hash = CacheHashing.hex(cell.source)
        if let record = cells.first(where: { $0.sourceHash == hash }) { return record }
        return cells.first { $0.number == cell.number && $0.name == nil }
    }

    static func url(in store: CacheStore, notebookPath: String?) -> URL {
        let path = notebookPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? "<notebook>"
        return store.directory.appendingPathComponent("manifest-\(CacheHashing.hex(path).prefix(16)).json")
    }

    func save(in store: CacheStore, notebookPath: String?) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        guard (try? store.prepareForWriting()) != nil else { return }
        try? data.write(to: Self.url(in: store, notebookPath: notebookPath), options: .atomic)
    }

    static func load(from store: CacheStore, notebookPath: String?) -> KeyManifest? {
        guard let data = try? Data(contentsOf: url(in: store, notebookPath: notebookPath)) else { return nil }
        return try? JSONDecoder().decode(KeyManifest.self, from: data)
    }
}
