import Foundation
import SegScript

/// `progress(iterable)`: passes the items through; on a terminal stderr it redraws one line with
/// the count, rate and ETA. Nothing is written otherwise, so reports never contain it.
enum ProgressBar {
    /// An iterator over `iterable` that draws as it goes.
    static func wrap(_ iterable: Value, label: String, interpreter: Interpreter) throws -> Value {
        let next: (Interpreter) throws -> Value?
        let total: Int
        if let object = iterable.asObject, let iterator = try object.makeIterator(interpreter) {
            total = try object.length() ?? 0
            next = { try iterator.next($0) }
        } else {
            let items = try interpreter.iterate(iterable)
            total = items.count
            var index = 0
            next = { _ in
                guard index < items.count else { return nil }
                index += 1
                return items[index - 1]
            }
        }
        let drawing = isatty(2) == 1
        let start = Date()
        var done = 0
        let object = ProgressObject(ClosureIterator { interpreter in
            guard let item = try next(interpreter) else {
                if drawing && done > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
                return nil
            }
            done += 1
            if drawing { draw(label: label, done: done, total: max(total, done), elapsed: Date().timeIntervalSince(start)) }
            return item
        }, count: total)
        return .object(object)
    }

    private static func draw(label: String, done: Int, total: Int, elapsed: Double) {
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : 0
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %@ %d/%d  %.2f it/s  ETA %.0fs ", label, bar, done, total, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The iterable `progress` returns.
final class ProgressObject: ScriptObject {
    private let iterator: ClosureIterator
    private let count: Int
    init(_ iterator: ClosureIterator, count: Int) {
        self.iterator = iterator
        self.count = count
    }
    var typeName: String { "Progress" }
    func length() throws -> Int? { count }
    func makeIterator(_ interpreter: Interpreter) throws -> ScriptIterator? { iterator }
}
