import XCTest
@testable import SegVision

final class SegVisionSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
