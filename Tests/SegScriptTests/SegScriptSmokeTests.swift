import XCTest
@testable import SegScript

final class SegScriptSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
