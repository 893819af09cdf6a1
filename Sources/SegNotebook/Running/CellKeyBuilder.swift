import Foundation

/// Who produced a global binding, as far as cache keys are concerned.
enum BindingProducer: Equatable {
    case param(ParamValue)
    case cell(label: String, key: String)
}

/// Computes the key parts of code cells from their source, options, inputs' producers, params and files.
struct CellKeyBuilder {
    let notebookDirectory: URL
    let seedText: String

    /// The identity that seeds a cell's random stream: its name, or a hash of its source.
    static func identity(of cell: Cell) -> String {
        if let name = cell.name { return "name:\(name)" }
        return "source:\(CacheHashing.hex(cell.source))"
    }

    func parts(for cell: Cell, reads: Set<String>, producers: [String: BindingProducer]) -> [KeyPart] {
        let identity = Self.identity(of: cell)
        var parts = [
            KeyPart(kind: "format", value: CacheHashing.formatVersion),
            KeyPart(kind: "identity", value: identity),
            KeyPart(kind: "source", value: CacheHashing.hex(cell.source)),
            KeyPart(kind: "options", value: cell.options.canonicalText),
            KeyPart(kind: "seed", value: String(CacheHashing.cellSeed(notebookSeed: seedText, identity: identity))),
        ]
        for name in reads.sorted() {
            switch producers[name] {
            case .param(let value)?: parts.append(KeyPart(kind: "param", name: name, value: value.description))
            case .cell(let label, let key)?: parts.append(KeyPart(kind: "input", name: name, value: "\(label) \(key)"))
            case nil: parts.append(KeyPart(kind: "input", name: name, value: "unbound"))
            }
        }
        for file in cell.options.depends {
            let url = URL(fileURLWithPath: file, relativeTo: notebookDirectory)
            // Never opened unless a regular file: a FIFO would block, /dev/zero never ends.
            let value: String
            switch ContentHash.hex(path: url.path) {
            case .success(let hex): value = hex
            case .failure(let failure): value = failure.rawValue
            }
            parts.append(KeyPart(kind: "depends", name: file, value: value))
        }
        return parts
    }
}
