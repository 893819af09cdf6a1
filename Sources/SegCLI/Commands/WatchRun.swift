import Foundation
import Glibc
import SegNotebook

/// `segnb run --watch`: runs the notebook, then again each time it or one of its `depends=` files
/// is saved. The cache makes each re-run cost only what the edit affects, and the report is
/// replaced atomically, so reloading it in a browser shows the new one. Ctrl-C ends it.
enum WatchRun {
    /// How often the files are looked at.
    static let pollInterval = 0.5
    /// How long the files must stay unchanged before a re-run (an editor may write in steps).
    static let settleInterval = 0.2

    /// Runs, then watches until Ctrl-C; returns 0 when stopped that way. A first run that cannot
    /// start (a usage error) ends at once with its status, as `segnb run` does.
    static func run(_ options: NotebookRunOptions, writer: ConsoleWriter = .standard) throws -> Int32 {
        InterruptSignal.install()
        var seen = InterruptSignal.count
        // Stamps from before each run, so that a save while it runs starts another run.
        let before = Dictionary(watchedFiles(options.notebookPath).map { ($0, FileStamp.of($0)) }, uniquingKeysWith: { first, _ in first })
        _ = try Backend.runNotebook(options)
        if InterruptSignal.count != seen { return stop(writer) }
        var files = watchedFiles(options.notebookPath)
        var stamps = files.map { before[$0] ?? FileStamp.of($0) }
        if !options.quiet { writer.err("segnb: watching \(describe(files)); Ctrl-C stops\n") }
        seen = InterruptSignal.count
        while true {
            if !sleep(pollInterval, unlessInterruptedSince: seen) { return stop(writer) }
            guard files.map(FileStamp.of) != stamps else { continue }
            // Wait for the writes to settle, so a save in several steps is one re-run.
            var settled = files.map(FileStamp.of)
            while true {
                if !sleep(settleInterval, unlessInterruptedSince: seen) { return stop(writer) }
                let now = files.map(FileStamp.of)
                if now == settled { break }
                settled = now
            }
            if !options.quiet { writer.err("segnb: \(changed(files, before: stamps, after: settled)) changed; running again\n") }
            let ranWith = Dictionary(zip(files, settled), uniquingKeysWith: { first, _ in first })
            do {
                _ = try Backend.runNotebook(options)
            } catch let failure as CommandFailure {
                // A notebook saved half-edited: say why, and wait for the next save.
                if let message = failure.message { SegnbMain.printError(message) }
            }
            if InterruptSignal.count != seen { return stop(writer) }
            files = watchedFiles(options.notebookPath)
            stamps = files.map { ranWith[$0] ?? FileStamp.of($0) }
        }
    }

    /// The notebook and the `depends=` files of its cells (when it can be read).
    static func watchedFiles(_ notebookPath: String) -> [String] {
        guard let notebook = try? NotebookReader.read(path: notebookPath) else { return [notebookPath] }
        let directory = URL(fileURLWithPath: notebookPath).deletingLastPathComponent()
        var files = [notebookPath]
        for cell in notebook.cells {
            for file in cell.options.depends {
                let path = URL(fileURLWithPath: file, relativeTo: directory).standardizedFileURL.path
                if !files.contains(path) { files.append(path) }
            }
        }
        return files
    }

    /// Sleeps `seconds` in short steps; false as soon as Ctrl-C was pressed.
    private static func sleep(_ seconds: Double, unlessInterruptedSince seen: Int) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if InterruptSignal.count != seen { return false }
            usleep(50_000)
        }
        return InterruptSignal.count == seen
    }

    private static func stop(_ writer: ConsoleWriter) -> Int32 {
        writer.err("\nsegnb: stopped watching\n")
        return 0
    }

    private static func describe(_ files: [String]) -> String {
        let name = (files[0] as NSString).lastPathComponent
        let others = files.count - 1
        return others == 0 ? name : "\(name) and \(others) file\(others == 1 ? "" : "s") it depends on"
    }

    private static func changed(_ files: [String], before: [FileStamp?], after: [FileStamp?]) -> String {
        let names = zip(files, zip(before, after)).filter { $0.1.0 != $0.1.1 }.map { ($0.0 as NSString).lastPathComponent }
        return names.isEmpty ? "a file" : names.joined(separator: ", ")
    }
}
