import XCTest
@testable import SegCLI

final class ReplCommandTests: XCTestCase {
    private func parse(_ line: String) -> ReplCommand? { try? ReplCommand.parse(line).get() }

    func testEveryCommandParses() {
        XCTAssertEqual(parse(":help"), .help(nil))
        XCTAssertEqual(parse(":help zeros"), .help("zeros"))
        XCTAssertEqual(parse(":load  nb/tiny.segnb "), .load("nb/tiny.segnb"))
        XCTAssertEqual(parse(":cells"), .cells)
        XCTAssertEqual(parse(":next"), .next)
        XCTAssertEqual(parse(":n"), .next)
        XCTAssertEqual(parse(":run 3"), .run(.number(3)))
        XCTAssertEqual(parse(":run 2-5"), .run(.range(2, 5)))
        XCTAssertEqual(parse(":run train"), .run(.name("train")))
        XCTAssertEqual(parse(":run all"), .run(.all))
        XCTAssertEqual(parse(":show 2"), .show("2"))
        XCTAssertEqual(parse(":vars"), .vars)
        XCTAssertEqual(parse(":time fib(20) + 1"), .time("fib(20) + 1"))
        XCTAssertEqual(parse(":report"), .report(nil))
        XCTAssertEqual(parse(":report out.html"), .report("out.html"))
        XCTAssertEqual(parse(":reset"), .reset)
        XCTAssertEqual(parse(":quit"), .quit)
    }

    func testErrorsNameTheCommand() {
        guard case .failure(let unknown) = ReplCommand.parse(":frobnicate") else { return XCTFail("accepted") }
        XCTAssertTrue(unknown.message.contains(":frobnicate"))
        guard case .failure(let missing) = ReplCommand.parse(":load") else { return XCTFail("accepted") }
        XCTAssertEqual(missing.message, ":load needs a notebook path")
    }

    func testEveryNameIsCompletable() {
        for name in ReplCommand.names {
            XCTAssertNotNil(parse(name + (name == ":load" || name == ":run" || name == ":show" || name == ":time" ? " x" : "")), name)
        }
    }
}
