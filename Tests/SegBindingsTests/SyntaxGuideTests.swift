import XCTest
@testable import SegScript
@testable import SegBindings

/// Every example of the syntax guide in docs/language.md runs and prints what the guide says.
final class SyntaxGuideTests: XCTestCase {
    func testEveryExampleRunsAndPrintsWhatTheGuideShows() throws {
        XCTAssertGreaterThanOrEqual(Registry.syntaxGuide.count, 12)
        for example in Registry.syntaxGuide {
            XCTAssertEqual(try Seg.run(example.code), example.output + "\n", example.title)
        }
        XCTAssertTrue(Bindings.makeRegistry().markdownReference().contains("## Syntax guide"))
    }
}
