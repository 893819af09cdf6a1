import ArgumentParser
import Foundation
import SegNotebook

/// `segnb export`: the notebook with its last run's outputs, from the cache, running nothing.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a notebook with the outputs of its last run (from the cache) as Jupyter or Markdown.",
        discussion: "Nothing runs: a cell without a cached result is exported without outputs, with a warning. "
            + "Give the same -p and --cache-dir as the run whose outputs you want (--no-cache exports no outputs). "
            + "--to md writes the pictures and charts into a folder beside the Markdown file."
    )

    /// The formats `--to` takes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ipynb, md
    }

    @Argument(help: "The .segnb notebook.")
    var notebook: String

    @Option(name: .customLong("to"), help: "ipynb (Jupyter, nbformat 4.5) or md (Markdown with a folder of pictures).")
    var format: Format

    @Option(name: [.short, .customLong("output")], help: "Output path (default: the notebook's path with .ipynb or .md).")
    var output: String?

    @OptionGroup var notebookOptions: NotebookOptions

    func run() throws {
        let notebook = try notebookOptions.checkedNotebook(self.notebook)
        var options = notebookOptions.runOptions(forNotebook: self.notebook)
        options.cachedOnly = true
        let result: RunResult
        do {
            result = try NotebookRunner(notebook: notebook, evaluator: Backend.makeCellEvaluator(), options: options).run()
        } catch let error as ParamOverrideError {
            throw CommandFailure.usage(error.message)
        } catch let error as NotebookLoadError {
            throw CommandFailure.usage(error.description)
        }
        for cell in result.cells where cell.cell.kind == .code {
            if case .notRun = cell.status {
                ConsoleWriter.standard.err("segnb: warning: \(cell.cell.label) has no cached result; exported without outputs\n")
            }
        }
        let target = output ?? (self.notebook as NSString).deletingPathExtension + "." + format.rawValue
        do {
            switch format {
            case .ipynb:
                try IpynbExporter.export(result).write(to: URL(fileURLWithPath: target), options: .atomic)
            case .md:
                try writeMarkdown(result, to: target)
            }
        } catch {
            throw CommandFailure.failed("cannot write \(target): \(error.localizedDescription)")
        }
        print(target)
    }

    /// The Markdown file and, beside it, the folder of pictures it links to.
    private func writeMarkdown(_ result: RunResult, to target: String) throws {
        let folderName = MarkdownExporter.assetFolderName(forDocument: target)
        let document = MarkdownExporter.export(result, assetFolder: folderName)
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent()
        if !document.files.isEmpty {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folderName), withIntermediateDirectories: true)
        }
        for file in document.files {
            try file.data.write(to: directory.appendingPathComponent(file.path), options: .atomic)
        }
        try Data(document.text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
    }
}
