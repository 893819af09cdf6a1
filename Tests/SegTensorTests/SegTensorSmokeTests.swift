import XCTest
@testable import SegTensor

final class SegTensorSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
