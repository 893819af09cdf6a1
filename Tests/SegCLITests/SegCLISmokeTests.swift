import XCTest
@testable import SegCLI

final class SegCLISmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
