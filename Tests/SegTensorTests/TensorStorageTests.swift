import XCTest
@testable import SegTensor

final class TensorStorageTests: XCTestCase {
    func testLargeBlocksAreRecycledAndZeroedOnRequest() throws {
        var address: UnsafeMutableRawPointer?
        do {
            let first = try TensorStorage(byteCount: 3 << 20)
            address = first.base
            first.base.storeBytes(of: 0xFF, as: UInt8.self)
        }
        let second = try TensorStorage(byteCount: 3 << 20)
        XCTAssertEqual(second.base, address, "a freed block of the same size is reused")
        XCTAssertEqual(second.base.load(as: UInt8.self), 0, "zeroed storage is zero even when recycled")
    }

    func testVersionCountsMutations() throws {
        let storage = try TensorStorage(byteCount: 16)
        let before = storage.version
        storage.markMutated()
        XCTAssertEqual(storage.version, before + 1)
    }
}
