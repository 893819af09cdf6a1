import Foundation
import XCTest
import SegTensor
@testable import SegVision
import SegTestSupport

/// Paths to the committed fixtures, the embedded mini set and the real CamVid data.
enum TestData {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var fixtures: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.path ?? repo + "/Tests/SegVisionTests/Fixtures"
    }

    static func fixture(_ relative: String) -> String { fixtures + "/" + relative }

    static var mini: String { repo + "/Notebooks/data/camvid-mini" }

    /// `<repo>/../shared/camvid`, also looked for one level higher (helper worktrees live in
    /// a subfolder), or `$SEGNB_CAMVID`; nil when absent.
    static var camvid: String? {
        var candidates = [repo + "/../shared/camvid", repo + "/../../shared/camvid"]
        if let env = ProcessInfo.processInfo.environment["SEGNB_CAMVID"] { candidates.insert(env, at: 0) }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/val") }
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    static func requireCamvid() throws -> String {
        guard let root = camvid else { throw XCTSkip("../shared/camvid not found: skipping the real-data test") }
        return root
    }

    /// A fresh temporary folder removed at the end of the test.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let scratch = try ScratchFolder("vision")
        test.addTeardownBlock { withExtendedLifetime(scratch) {} }
        return scratch.path
    }

    static func floats(_ t: Tensor) throws -> [Float] {
        let c = try t.contiguous()
        return Array(UnsafeBufferPointer(start: c.pointer(as: Float.self), count: c.count))
    }

    static func ints(_ t: Tensor) throws -> [Int32] {
        let c = try t.contiguous()
        return Array(UnsafeBufferPointer(start: c.pointer(as: Int32.self), count: c.count))
    }

    /// The message of the VisionError `body` throws, failing when it throws nothing.
    static func errorMessage(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do { try body() } catch let error as VisionError { return error.message } catch {
            XCTFail("unexpected error type: \(error)", file: file, line: line)
            return ""
        }
        XCTFail("expected an error", file: file, line: line)
        return ""
    }
}
