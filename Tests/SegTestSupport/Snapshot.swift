import Foundation
import XCTest

/// Compares text with a committed snapshot file; `SEGNB_UPDATE_SNAPSHOTS=1` rewrites the file
/// instead (review the diff before committing it).
public enum Snapshot {
    /// Whether this run rewrites snapshots.
    public static var updating: Bool { ProcessInfo.processInfo.environment["SEGNB_UPDATE_SNAPSHOTS"] == "1" }

    /// Fails, naming the first line that differs, unless `text` equals the file's content.
    public static func assertMatches(_ text: String, _ snapshot: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        if updating {
            try Data(text.utf8).write(to: snapshot)
            return
        }
        guard let expected = try? String(contentsOf: snapshot, encoding: .utf8) else {
            return XCTFail("no snapshot at \(snapshot.path): run with SEGNB_UPDATE_SNAPSHOTS=1 to write it", file: file, line: line)
        }
        guard let difference = firstDifference(expected, text) else { return }
        XCTFail("""
            differs from \(snapshot.lastPathComponent) at line \(difference.line):
              snapshot: \(difference.expected)
              now:      \(difference.actual)
            (if the change is intended, run with SEGNB_UPDATE_SNAPSHOTS=1 and review the diff)
            """, file: file, line: line)
    }

    /// The first line (1-based) where the texts differ and each side's line there, nil when equal.
    public static func firstDifference(_ expected: String, _ actual: String) -> (line: Int, expected: String, actual: String)? {
        if expected == actual { return nil }
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? old[index] : "(end of file)", b = index < new.count ? new[index] : "(end of file)"
            if a != b { return (index + 1, String(a.prefix(300)), String(b.prefix(300))) }
        }
        return (old.count, "", "")
    }
}
