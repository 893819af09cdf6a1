import XCTest
@testable import SegNotebook

final class SegNotebookSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
