import Foundation
import SegNotebook

/// The `:commands`.
extension Repl {
    func perform(_ command: ReplCommand) {
        switch command {
        case .help(let name): help(name)
        case .load(let path): load(path)
        case .cells: listCells()
        case .next: runNext()
        case .run(let selection): run(selection)
        case .show(let cell): show(cell)
        case .vars: listVariables()
        case .time(let expression): time(expression)
        case .report(let path): writeReport(path)
        case .reset: resetSession()
        case .quit: break
        }
    }

    private func help(_ name: String?) {
        guard let name else {
            writer.out("Commands:\n" + ReplCommandDescriptor.helpText + "\n")
            if let overview = engine.help(nil) { writer.out("\n" + overview + (overview.hasSuffix("\n") ? "" : "\n")) }
            return
        }
        if name.hasPrefix(":") {
            guard let descriptor = ReplCommandDescriptor.named(name) else { return fail("no command \(name) (:help lists them)") }
            return writer.out(descriptor.helpLine + "\n")
        }
        if let text = engine.help(name) {
            writer.out(text.hasSuffix("\n") ? text : text + "\n")
        } else {
            fail("no help for '\(name)'")
        }
    }

    private func load(_ path: String) {
        do {
            let stepper = try engine.openNotebook(at: (path as NSString).expandingTildeInPath)
            notebook = stepper
            nextCell = 1
            let cells = stepper.cells()
            writer.out("loaded \(stepper.path): \(cells.count) cells (:cells lists them, :next runs the first)\n")
        } catch {
            fail("cannot load \(path): \(describe(error))")
        }
    }

    private func requireNotebook() -> NotebookStepper? {
        if let notebook { return notebook }
        fail("no notebook loaded (:load NOTEBOOK)")
        return nil
    }

    private func listCells() {
        guard let notebook = requireNotebook() else { return }
        let rows = notebook.cells().map { cell in
            [(cell.number == nextCell ? ">" : " ") + "\(cell.number)", cell.name ?? "", cell.kind, cell.status]
        }
        printer.print(.table(DisplayTable(columns: ["#", "name", "kind", "status"], rows: rows)))
    }

    /// Runs the next code (or params) cell, printing the Markdown cells passed on the way.
    private func runNext() {
        guard let notebook = requireNotebook() else { return }
        let cells = notebook.cells()
        while nextCell <= cells.count, cells[nextCell - 1].kind == "md" {
            if let source = notebook.source(ofCell: nextCell) { printer.print(.markdown(source)) }
            writer.out("\n")
            nextCell += 1
        }
        guard nextCell <= cells.count else {
            writer.out("every cell has run (\(cells.count) cells); :run N runs one again\n")
            return
        }
        _ = step(nextCell, in: notebook)
    }

    /// Runs or restores the cells `number` needs that have not run yet, saying which; false when one failed.
    private func runPrerequisites(of number: Int, in notebook: NotebookStepper) -> Bool {
        let needed = notebook.prerequisites(ofCell: number)
        guard !needed.isEmpty else { return true }
        let cells = notebook.cells()
        let names = needed.map { n in cells.first { $0.number == n }?.name ?? "cell \(n)" }
        writer.out("running \(names.joined(separator: ", ")) first\n")
        for number in needed where !step(number, in: notebook) { return false }
        return true
    }

    /// Runs one cell and prints its outputs; returns false when it failed or was interrupted.
    private func step(_ number: Int, in notebook: NotebookStepper) -> Bool {
        let cells = notebook.cells()
        guard let cell = cells.first(where: { $0.number == number }) else {
            fail("no cell \(number) (the notebook has \(cells.count))")
            return false
        }
        writer.out("── cell \(cell.number)\(cell.name.map { " \($0)" } ?? "") (\(cell.kind)) ──\n")
        let outcome = InterruptForwarder.run(interrupt: { [engine] in engine.interrupt() }) {
            notebook.runCell(number, emit: { [printer] item in printer.print(item) })
        }
        switch outcome {
        case .ran(let seconds):
            writer.out(cell.kind == "params" ? "parameters bound\n" : "ran in \(String(format: "%.2f", seconds)) s\n")
        case .restored:
            writer.out("restored from cache\n")
        case .markdown:
            break
        case .failed(let message):
            fail(message)
            return false
        case .interrupted:
            writer.err("interrupted\n")
            return false
        }
        nextCell = number + 1
        return true
    }

    private func run(_ selection: CellSelection) {
        guard let notebook = requireNotebook() else { return }
        let cells = notebook.cells()
        let numbers: [Int]
        switch selection {
        case .all:
            numbers = cells.map(\.number)
        case .number(let n):
            numbers = [n]
        case .range(let a, let b):
            guard a <= b else { return fail(":run \(a)-\(b): the range is empty") }
            numbers = Array(a...b)
        case .name(let name):
            guard let cell = cells.first(where: { $0.name == name }) else {
                let names = cells.compactMap(\.name)
                return fail("no cell named '\(name)'" + (names.isEmpty ? "" : " (names: \(names.joined(separator: ", ")))"))
            }
            numbers = [cell.number]
        }
        for number in numbers {
            guard runPrerequisites(of: number, in: notebook), step(number, in: notebook) else { return }
        }
    }

    private func show(_ cell: String) {
        guard let notebook = requireNotebook() else { return }
        let cells = notebook.cells()
        guard let number = Int(cell) ?? cells.first(where: { $0.name == cell })?.number,
              let source = notebook.source(ofCell: number) else {
            return fail("no cell \(cell) (the notebook has \(cells.count))")
        }
        writer.out(source.hasSuffix("\n") ? source : source + "\n")
    }

    private func listVariables() {
        let variables = engine.variables()
        if variables.isEmpty {
            writer.out("no bindings\n")
            return
        }
        let rows = variables.map { [$0.name, $0.type, $0.shape, HumanReadable.bytes($0.bytes)] }
        printer.print(.table(DisplayTable(columns: ["name", "type", "shape", "size"], rows: rows)))
    }

    private func time(_ expression: String) {
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome = evaluate(expression)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if outcome == .completed { writer.out("time: \(HumanReadable.seconds(seconds))\n") }
    }

    private func writeReport(_ path: String?) {
        guard let notebook = requireNotebook() else { return }
        do {
            let written = try notebook.writeReport(to: path.map { ($0 as NSString).expandingTildeInPath })
            writer.out("report written to \(written)\n")
        } catch {
            fail("cannot write the report: \(describe(error))")
        }
    }

    private func resetSession() {
        engine.reset()
        if let path = notebook?.path {
            notebook = try? engine.openNotebook(at: path)
        }
        nextCell = 1
        writer.out("environment reset\n")
    }

    func describe(_ error: Error) -> String {
        ErrorText.describe(error)
    }
}
