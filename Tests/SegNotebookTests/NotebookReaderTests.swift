import XCTest
@testable import SegNotebook
import SegScript

final class NotebookReaderTests: XCTestCase {
    let sample = """
    Intro text before any header.

    %% md
    # CamVid segmentation
    Some prose.
    %% params
    let epochs = 20   # overridable
    %% code load cache=false echo=false
    x = 1
    print x

    %% markdown notes
    ## Notes
    %% code train timeout=30.5 allow_error=true depends=a.txt,b/c.csv
    mutate x
    """

    func testCellsKindsNamesAndOptions() throws {
        let notebook = try NotebookReader.parse(sample, path: "nb.segnb")
        XCTAssertEqual(notebook.cells.map(\.kind), [.markdown, .markdown, .params, .code, .markdown, .code])
        XCTAssertEqual(notebook.cells.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(notebook.cells.map(\.name), [nil, nil, nil, "load", "notes", "train"])
        XCTAssertEqual(notebook.cells[0].source, "Intro text before any header.")
        XCTAssertEqual(notebook.cells[3].source, "x = 1\nprint x")
        XCTAssertFalse(notebook.cells[3].options.cache)
        XCTAssertFalse(notebook.cells[3].options.echo)
        let train = notebook.cells[5].options
        XCTAssertEqual(train.timeout, 30.5)
        XCTAssertTrue(train.allowError)
        XCTAssertEqual(train.depends, ["a.txt", "b/c.csv"])
        XCTAssertTrue(train.cache)
    }

    func testLineNumbersAreNotebookLines() throws {
        let notebook = try NotebookReader.parse(sample)
        XCTAssertEqual(notebook.cells[0].firstSourceLine, 1)
        XCTAssertNil(notebook.cells[0].headerLine)
        XCTAssertEqual(notebook.cells[3].headerLine, 8)
        XCTAssertEqual(notebook.cells[3].firstSourceLine, 9)
        XCTAssertEqual(notebook.cells[3].notebookLine(forSourceLine: 2), 10)
        XCTAssertEqual(notebook.cells[3].sourceLine(2), "print x")
        XCTAssertEqual(notebook.cells[5].notebookLine(forSourceLine: 1), 15)
    }

    func testTitleIsFirstHeadingAndCellsAreAddressable() throws {
        let notebook = try NotebookReader.parse(sample)
        XCTAssertEqual(notebook.title, "CamVid segmentation")
        XCTAssertEqual(notebook.cell(named: "train")?.number, 6)
        XCTAssertEqual(notebook.cell(named: "4")?.name, "load")
        XCTAssertNil(notebook.cell(named: "99"))
        XCTAssertNil(try NotebookReader.parse("%% code\nx = 1").title)
    }

    func testBlankPreambleIsNoCellAndCRLFIsAccepted() throws {
        let notebook = try NotebookReader.parse("\n\n%% code a\r\nx = 1\r\n")
        XCTAssertEqual(notebook.cells.count, 1)
        XCTAssertEqual(notebook.cells[0].source, "x = 1")
        XCTAssertEqual(notebook.cells[0].firstSourceLine, 4)
    }

    func diagnostics(_ text: String) -> [LocatedDiagnostic] {
        do {
            _ = try NotebookReader.parse(text, path: "bad.segnb")
            XCTFail("expected a load error for \(text)")
            return []
        } catch let error as NotebookLoadError {
            return error.diagnostics
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    func testEveryHeaderErrorHasLineColumnAndMessage() {
        let cases: [(String, Int, String)] = [
            ("%% python", 4, "unknown cell kind 'python'"),
            ("%%", 3, "missing cell kind"),
            ("%% code x colour=red", 11, "unknown option 'colour'"),
            ("%% code x cache=yes", 17, "invalid value 'yes' for option 'cache'"),
            ("%% code x echo=1", 16, "invalid value '1' for option 'echo'"),
            ("%% code x allow_error=maybe", 23, "invalid value 'maybe' for option 'allow_error'"),
            ("%% code x timeout=-3", 19, "invalid value '-3' for option 'timeout'"),
            ("%% code x timeout=soon", 19, "invalid value 'soon' for option 'timeout'"),
            ("%% code x depends=a,,b", 19, "invalid value 'a,,b' for option 'depends'"),
            ("%% code 9lives", 9, "invalid cell name '9lives'"),
            ("%% code a b", 11, "unexpected word 'b'"),
            ("%% code x cache=true cache=false", 22, "option 'cache' given twice"),
        ]
        for (header, column, message) in cases {
            let found = diagnostics(header + "\nx = 1")
            XCTAssertEqual(found.count, 1, header)
            XCTAssertEqual(found.first?.line, 1, header)
            XCTAssertEqual(found.first?.column, column, header)
            XCTAssertTrue(found.first?.message.contains(message) ?? false, "\(header): \(found.first?.message ?? "")")
            XCTAssertTrue(found.first?.description.hasPrefix("bad.segnb:1:\(column): error:") ?? false, header)
        }
    }

    func testDuplicateNameAndAllErrorsReportedAtOnce() {
        let found = diagnostics("""
        %% code load
        x = 1
        %% code load
        y = 2
        %% cod
        %% code z timeout=0
        """)
        XCTAssertEqual(found.map(\.line), [3, 5, 6])
        XCTAssertTrue(found[0].message.contains("duplicate cell name 'load' (first used on line 1)"))
        XCTAssertEqual(found[0].column, 9)
        XCTAssertTrue(found[1].message.contains("unknown cell kind 'cod'"))
        XCTAssertTrue(found[2].message.contains("timeout"))
    }

    func testUnreadableFileIsALoadError() {
        XCTAssertThrowsError(try NotebookReader.read(path: "/nonexistent/x.segnb")) { error in
            XCTAssertTrue("\(error)".contains("cannot read"))
        }
    }
}

final class NotebookCheckTests: XCTestCase {
    func testCheckReportsSyntaxErrorsOnNotebookLines() throws {
        let notebook = try NotebookReader.parse("%% params\nlet a = 1 + 1\n%% code ok\nx = 1\n%% code bad\nx = 2\nsyntax!\n", path: "c.segnb")
        let diagnostics = notebook.syntaxDiagnostics(using: FakeEvaluator())
        XCTAssertEqual(diagnostics.map(\.line), [2, 7, 7])
        XCTAssertTrue(diagnostics[2].message.contains("unexpected '!' (in cell 3 \"bad\")"))
        XCTAssertEqual(diagnostics[2].sourceLine, "syntax!")
        XCTAssertTrue(diagnostics[2].description.hasPrefix("c.segnb:7:7: error:"))
    }
}
