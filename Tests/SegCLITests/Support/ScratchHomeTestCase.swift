import Foundation
import XCTest
import SegTestSupport

/// A test case with a fresh `ScratchHome` per test and shorthands to write files into its work
/// folder and run the built segnb there with its environment.
class ScratchHomeTestCase: XCTestCase {
    /// This test's scratch home (nil outside a test).
    var scratch: ScratchHome?
    /// Seconds each `segnb` run may take.
    var commandTimeout: TimeInterval { 60 }

    override func setUpWithError() throws {
        try super.setUpWithError()
        scratch = try ScratchHome()
    }

    override func tearDown() {
        scratch = nil
        super.tearDown()
    }

    /// Writes `text` to `name` in the work folder; its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try XCTUnwrap(scratch).write(text, to: name)
    }

    /// Runs `segnb arguments` in `directory` (the work folder by default) with the scratch environment.
    func segnb(_ arguments: [String], input: String = "", in directory: URL? = nil) throws -> CommandRun {
        let scratch = try XCTUnwrap(scratch)
        return try CommandRun.segnb(arguments, input: input, environment: scratch.environment(),
                                    directory: directory ?? scratch.work, timeout: commandTimeout)
    }
}
