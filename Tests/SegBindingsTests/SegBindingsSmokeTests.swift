import XCTest
@testable import SegBindings

final class SegBindingsSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
