import XCTest
import SegScript
@testable import SegBindings

/// docs/language.md is generated from the one built-in table, so the reference, `help` and the
/// interpreter cannot disagree. `make docs` (SEGNB_UPDATE_DOCS=1) rewrites it; otherwise this test
/// fails when the committed file is stale.
final class LanguageReferenceTests: XCTestCase {
    private var referencePath: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md")
    }

    func testCommittedReferenceMatchesTheBuiltinTable() throws {
        let generated = Bindings.makeRegistry().markdownReference(title: "The Seg language reference")
        if ProcessInfo.processInfo.environment["SEGNB_UPDATE_DOCS"] == "1" {
            try generated.write(to: referencePath, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: referencePath, encoding: .utf8)
        XCTAssertEqual(committed, generated, "docs/language.md is stale: run `make docs`")
    }

    func testReferenceCoversEveryModule() throws {
        let generated = Bindings.makeRegistry().markdownReference()
        for module in ["nn", "image", "camvid", "metrics", "plot"] {
            XCTAssertTrue(generated.contains("`\(module)`"), "module \(module) missing from the reference")
        }
        XCTAssertTrue(generated.contains("unet("), "nn.unet missing from the reference")
    }
}
