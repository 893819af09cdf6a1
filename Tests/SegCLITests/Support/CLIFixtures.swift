import Foundation
import SegTestSupport

extension SegnbBinary {
    /// The CLI tests' fixtures folder, from this file's location.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }
}
