import Foundation
import XCTest
import SegTensor
@testable import SegNotebook
import SegRandom

/// Random reports through the public `ReportWriter`: Markdown cells and `md()` outputs, charts and
/// tables whose numbers are NaN, infinities and ±1e308, and very large outputs.
/// Every report is written within seconds, runs no script, and draws no NaN or infinite coordinate.
final class ReportFuzzTests: XCTestCase {
    static let extremes: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, .greatestFiniteMagnitude,
                                     -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0, 0, 1, -1, 9.2e18, -9.3e18, 1e-308]
    /// Markdown pieces. Brackets are few per text: Ink backtracks on many (issue 19), which the
    /// libFuzzer Markdown target covers without a bound.
    static let markdownPieces = ["# ", "## ", "\n", "\n\n", "*", "**", "_", "`", "```\n", "> ", "- ", "1. ", "---\n", "| a | b |\n",
                                 "|---|---|\n", "](", ")", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                 "javascript:alert(1)", "&amp;", "&#x3c;", "\\", "text ", "é", "\u{0}", "\u{202E}", "    code\n",
                                 "<!--", "-->", "~~", "<https://x>", "\t"]

    static func randomMarkdown(_ generator: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text += markdownPieces.randomElement(using: &generator) ?? ""
        }
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let opening = Bool.random(using: &generator) ? "[" : "!["
            scalars.insert(contentsOf: opening.unicodeScalars, at: Int.random(in: 0...scalars.count, using: &generator))
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static func randomNumber(_ generator: inout SplitMix64) -> Double {
        Bool.random(using: &generator) ? extremes.randomElement(using: &generator) ?? 0 : Double.random(in: -1e6...1e6, using: &generator)
    }

    static func randomOutput(_ generator: inout SplitMix64) -> CellOutput {
        func numbers(_ count: Int) -> [Double] { (0..<count).map { _ in randomNumber(&generator) } }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return .markdown(randomMarkdown(&generator))
        case 1:
            let count = Int.random(in: 0...50, using: &generator)
            let x: [Double]? = Bool.random(using: &generator) ? numbers(count) : nil
            return .chart(LineChart(title: randomMarkdown(&generator), xLabel: "x", yLabel: "y",
                                    series: [ChartSeries(name: "s", x: x, y: numbers(count)), ChartSeries(name: "t", y: numbers(3))]))
        case 2:
            let count = Int.random(in: 0...12, using: &generator)
            return .chart(.bars(title: "bars", yLabel: "v", labels: (0..<count).map { "c\($0)" }, values: numbers(count)))
        case 3:
            let rows = (0..<Int.random(in: 0...5, using: &generator)).map { _ -> [TableCell] in
                let value = randomNumber(&generator)
                return [.text(randomMarkdown(&generator)), .number(value, display: "\(value)"), .missing]
            }
            return .table(OutputTable(title: "t", columns: ["a", "b", "c"], rows: rows))
        case 4: return .value(String(describing: numbers(4)))
        default: return .text(randomMarkdown(&generator))
        }
    }

    static func report(cells: [CellResult], seconds: Double) -> String {
        let notebook = Notebook(path: "fuzz.segnb", cells: cells.map(\.cell))
        return ReportWriter.html(RunResult(notebook: notebook, parameters: [("n", .int(1))], seed: "0", startedAt: Date(),
                                           totalSeconds: seconds, cells: cells, warnings: [], version: "t", timedOut: false))
    }

    /// The attributes of drawn shapes never carry NaN or an infinity (the browser would drop the shape).
    static func assertFiniteCoordinates(_ html: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let pattern = #"\b(x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|points|transform)="[^"]*(nan|inf)"#
        let found = html.range(of: pattern, options: [.regularExpression, .caseInsensitive])
        XCTAssertNil(found, "\(context): \(found.map { String(html[$0]) } ?? "")", file: file, line: line)
    }

    func testRandomReportsRenderQuicklyAndSafely() throws {
        var generator = SplitMix64(seed: 1919)
        for round in 0..<150 {
            var cells: [CellResult] = []
            for number in 1...Int.random(in: 1...5, using: &generator) {
                let isMarkdown = Bool.random(using: &generator)
                let cell = Cell(number: number, kind: isMarkdown ? .markdown : .code, name: nil, options: CellOptions(),
                                source: Self.randomMarkdown(&generator), headerLine: number, firstSourceLine: number + 1)
                // Timings are measured, never user data: only the outputs carry extreme numbers.
                let seconds = Double.random(in: 0...1e5, using: &generator)
                let statuses: [CellStatus] = [.ran(seconds: seconds), .restored(seconds: seconds), .failed(seconds: seconds), .notRun]
                let status = isMarkdown ? CellStatus.markdown : statuses.randomElement(using: &generator) ?? .notRun
                let outputs = isMarkdown ? [] : (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.randomOutput(&generator) }
                cells.append(CellResult(cell: cell, status: status, outputs: outputs, cacheNote: nil, key: nil))
            }
            let started = Date()
            let html = Self.report(cells: cells, seconds: Double.random(in: 0...1e5, using: &generator))
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "round \(round) took too long")
            XCTAssertFalse(html.lowercased().contains("<script"), "round \(round) let a script through")
            Self.assertFiniteCoordinates(html, "round \(round)")
        }
    }

    func testExtremeChartValuesDrawFiniteShapes() throws {
        for value in Self.extremes {
            for chart in [LineChart(series: [ChartSeries(name: "a", y: [value, 1, -value])]),
                          LineChart(series: [ChartSeries(name: "a", x: [value, 0, 1e308], y: [0, value, 1])]),
                          LineChart.bars(labels: ["a", "b"], values: [-value, value]),
                          LineChart.bars(labels: ["a", "b"], values: [-1e308, 1e308])] {
                let cell = Cell(number: 1, kind: .code, name: nil, options: CellOptions(), source: "plot", headerLine: 1, firstSourceLine: 2)
                let html = Self.report(cells: [CellResult(cell: cell, status: .ran(seconds: 1), outputs: [.chart(chart)],
                                                          cacheNote: nil, key: nil)], seconds: 1)
                Self.assertFiniteCoordinates(html, "value \(value)")
            }
        }
    }

    func testHugeOutputsRenderInBoundedTime() {
        let big = String(repeating: "line of output <b>&</b>\n", count: 200_000)
        let rows = (0..<20_000).map { [TableCell.text("row \($0)"), .number(Double($0), display: "\($0)")] }
        let cell = Cell(number: 1, kind: .code, name: nil, options: CellOptions(), source: "print", headerLine: 1, firstSourceLine: 2)
        let outputs: [CellOutput] = [.text(big), .value(big), .table(OutputTable(columns: ["a", "b"], rows: rows)),
                                     .chart(LineChart(series: [ChartSeries(name: "long", y: (0..<200_000).map { sin(Double($0)) })]))]
        let started = Date()
        let html = Self.report(cells: [CellResult(cell: cell, status: .ran(seconds: 1), outputs: outputs, cacheNote: nil, key: nil)], seconds: 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertFalse(html.contains("<b>&</b>"), "printed text is escaped")
    }
}
