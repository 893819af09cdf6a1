/// Which earlier cells a cell needs, from the static read/write analysis: the REPL's `:run NAME`
/// runs or restores them first on a fresh load.
enum CellDependencies {
    /// The code cells before `number`, not in `done`, whose writes the cell reads, directly or
    /// through each other, in notebook order. Params cells are left out: the runner binds the
    /// params before any cell. A cell in `done` satisfies the names it writes.
    static func prerequisites(of number: Int, in notebook: Notebook, done: Set<Int>,
                              analyze: (String) -> CellAnalysis?) -> [Int] {
        guard number >= 1, number <= notebook.cells.count, let target = analyze(notebook.cells[number - 1].source) else { return [] }
        var needed = target.reads
        var chosen: [Int] = []
        for cell in notebook.cells[..<(number - 1)].reversed() where cell.kind == .code {
            guard !needed.isEmpty else { break }
            // A cell that does not parse cannot provide anything; running the target reports the missing name.
            guard let analysis = analyze(cell.source), !analysis.writes.isDisjoint(with: needed) else { continue }
            if done.contains(cell.number) {
                needed.subtract(analysis.writes)
                continue
            }
            chosen.append(cell.number)
            // Names it reads before writing come from further up; earlier writers of the same
            // names still run (a `var` assigned here must have been declared).
            needed.formUnion(analysis.reads)
        }
        return chosen.reversed()
    }
}
