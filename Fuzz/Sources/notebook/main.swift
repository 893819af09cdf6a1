// libFuzzer harness for the `.segnb` reader: cell headers and options, params cells and `-p`
// overrides (the input's last line doubles as an override), the `--list-params` text, and every
// diagnostic rendered.
import FuzzSupport
import SegNotebook

@_cdecl("fuzz_notebook_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    runLibFuzzer(argc, argv, text: { text in
        let notebook: Notebook
        do {
            notebook = try NotebookReader.parse(text, path: "fuzz.segnb")
        } catch {
            _ = String(describing: error)
            return
        }
        for cell in notebook.cells { _ = cell.label; _ = cell.options.canonicalText }
        _ = notebook.title
        do { _ = try notebook.parameters() } catch { _ = String(describing: error) }
        let lastLine = text.split(separator: "\n").last.map(String.init) ?? ""
        let overrides = lastLine.contains("=") ? [lastLine, "seed=1"] : ["seed=\(lastLine)"]
        do {
            for (_, value) in try notebook.resolveParameters(overrides: overrides) { _ = String(describing: value) }
        } catch { _ = String(describing: error) }
        _ = notebook.paramsListing()
    })
}
