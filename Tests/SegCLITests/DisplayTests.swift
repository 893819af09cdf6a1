import XCTest
@testable import SegCLI
import SegNotebook
import SegTestSupport

final class DisplayTests: XCTestCase {
    func testTablesAlignNumbersRight() {
        let table = DisplayTable(title: "IoU", columns: ["class", "iou"],
                                 rows: [["road", "0.91"], ["pedestrian", "0.2"]])
        XCTAssertEqual(TextTable.render(table), [
            "IoU",
            "class       iou",
            "----------  ----",
            "road        0.91",
            "pedestrian   0.2",
        ])
    }

    func testSparklineSpansLowestToHighest() {
        XCTAssertEqual(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8]), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(Sparkline.render([3, 3, 3]), "▄▄▄")
        XCTAssertEqual(Sparkline.render(Array(repeating: 1, count: 100) + [.nan], width: 10).count, 10)
        XCTAssertEqual(Sparkline.render([]), "")
        // The extremes of Double neither trap nor lose the order.
        XCTAssertEqual(Sparkline.render([-1e308, 1e308]), "▁█")
        XCTAssertEqual(Sparkline.render([1e308, 1e308, -1e308, -1e308], width: 2), "█▁")
        XCTAssertEqual(Sparkline.render([-.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude]), "▁▅█")
    }

    func testSparklineOfExtremeValuesNeverTraps() {
        XCTAssertEqual(Sparkline.render([-1e308, 1e308]), "▁█")
        XCTAssertEqual(Sparkline.render([-Double.greatestFiniteMagnitude, 0, Double.greatestFiniteMagnitude]), "▁▅█")
        XCTAssertEqual(Sparkline.render([.infinity, -.infinity, .nan, 1]), "▄")
        XCTAssertEqual(Sparkline.render([1e308, 1e308, -1e308, -1e308], width: 2), "█▁")
    }

    func testHalfBlocksPaintTwoPixelRowsPerLine() {
        // 2x2: red over blue in column 0, green over white in column 1.
        let image = DisplayImage(width: 2, height: 2, rgb: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        let lines = HalfBlockRenderer.render(image, maxColumns: 80)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines[0], "\u{1B}[38;2;255;0;0m\u{1B}[48;2;0;0;255m▀\u{1B}[38;2;0;255;0m\u{1B}[48;2;255;255;255m▀\u{1B}[0m")
    }

    func testHalfBlocksShrinkToTheTerminalWidth() {
        let image = DisplayImage(width: 256, height: 192, rgb: [UInt8](repeating: 100, count: 256 * 192 * 3))
        let lines = HalfBlockRenderer.render(image, maxColumns: 64)
        XCTAssertEqual(lines.count, 24, "192 rows at a quarter scale are 48 pixel rows, two per line")
        XCTAssertEqual(lines[0].components(separatedBy: "▀").count - 1, 64)
        XCTAssertTrue(lines[0].hasPrefix("\u{1B}[38;2;100;100;100m"))
    }

    func testPicturesBecomePNGFilesWhenNotATerminal() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.file("img")
        var written = ""
        let printer = TerminalPrinter(writer: ConsoleWriter(out: { written += $0 }, err: { written += $0 }),
                                      isTerminal: false, columns: { 80 }, imageDirectory: folder.path)
        printer.print(.image(DisplayImage(title: "frame", width: 1, height: 1, rgb: [1, 2, 3],
                                          legend: [LegendEntry(name: "sky", red: 0, green: 0, blue: 255)],
                                          encodePNG: { [137, 80, 78, 71] })))
        XCTAssertTrue(written.hasPrefix("[frame: image 1x1 (classes: sky) written to \(folder.path)/"), written)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: folder.path + "/" + files[0]), Data([137, 80, 78, 71]))
        XCTAssertFalse(written.contains("\u{1B}"), "no escapes outside a terminal")
    }

    func testChartsAreSummarisedWithASparkline() {
        var written = ""
        let printer = TerminalPrinter(writer: ConsoleWriter(out: { written += $0 }, err: { written += $0 }),
                                      isTerminal: false, columns: { 80 }, imageDirectory: "/nonexistent")
        printer.print(.chart(DisplayChart(title: "loss", series: [.init(name: "train", values: [4, 3, 2, 1])])))
        XCTAssertEqual(written, "chart \"loss\"\n  train  █▆▃▁  4 points, last 1, min 1, max 4\n")
    }

    func testHumanReadableSizes() {
        XCTAssertEqual(HumanReadable.bytes(512), "512 B")
        XCTAssertEqual(HumanReadable.bytes(1536), "1.5 KB")
        XCTAssertEqual(HumanReadable.bytes(3 * 1024 * 1024), "3.0 MB")
        XCTAssertEqual(HumanReadable.seconds(0.25), "250 ms")
        XCTAssertEqual(HumanReadable.seconds(2.5), "2.50 s")
    }
}

/// Notebook Markdown printed in a terminal or a log.
final class TerminalMarkdownTests: XCTestCase {
    func testPlainTextKeepsTheWordsAndDropsTheMarkers() {
        let text = """
            # Title
            ## Part *two*
            ### Small
            Use `camvid.load` with **care**; see [the docs](docs/language.md) and 2 * 3 * 4.
            * item with _em_
              - nested
            1. first
            > quoted
            ```
            let **x** = 1
            ```
            """
        XCTAssertEqual(TerminalMarkdown.format(text, styled: false), """
            Title
            =====
            Part two
            --------
            Small
            Use camvid.load with care; see the docs (docs/language.md) and 2 * 3 * 4.
              • item with em
                • nested
            1. first
              │ quoted
                let **x** = 1
            """)
    }

    func testStyledTextUsesBoldAndItalic() {
        XCTAssertEqual(TerminalMarkdown.format("# T", styled: true), "\u{1B}[1m\u{1B}[4mT\u{1B}[0m")
        XCTAssertEqual(TerminalMarkdown.inline("a **b** *c* d_e_f", styled: true), "a \u{1B}[1mb\u{1B}[0m \u{1B}[3mc\u{1B}[0m d_e_f")
    }
}
