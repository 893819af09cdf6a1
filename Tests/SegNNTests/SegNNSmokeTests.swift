import XCTest
@testable import SegNN

final class SegNNSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
