import Foundation
import XCTest
import SegTestSupport

/// An overlay made in one cell and shown in others keeps its class legend whether the cell that
/// made it ran or came from the cache.
final class LegendThroughCacheTests: XCTestCase {
    private var scratch: ScratchHome?

    override func setUpWithError() throws { scratch = try ScratchHome() }
    override func tearDown() { scratch = nil }

    /// The legend lists of a report, in order.
    private func legends(_ html: String) -> [String] {
        html.components(separatedBy: "<ul class=\"legend\">").dropFirst().map { $0.components(separatedBy: "</ul>")[0] }
    }

    func testLegendsAreTheSameFreshAndFromTheCache() throws {
        let scratch = try XCTUnwrap(scratch)
        let notebook = scratch.work.appendingPathComponent("legend.segnb")
        try """
            %% md
            # Legends

            %% code make
            let labels = tensor([[0, 3, 3], [8, 11, 0]], dtype: "int32")
            let ov = image.overlay(zeros([3, 2, 3]), labels)
            let g = image.grid([image.colorize(labels), labels], cols: 2)

            %% code fresh cache=false
            show(ov, title: "overlay")

            %% code cached
            show(g, title: "grid")
            """.write(to: notebook, atomically: true, encoding: .utf8)
        let report = scratch.work.appendingPathComponent("legend.html")
        let first = try CommandRun.segnb(["run", notebook.path], environment: scratch.environment(), directory: scratch.work)
        XCTAssertEqual(first.status, 0, first.stderr)
        let fresh = legends(try String(contentsOf: report))
        XCTAssertEqual(fresh.count, 2, "one legend under the overlay, one under the grid")
        for name in ["Sky", "Road", "Car"] { XCTAssertTrue(fresh.allSatisfy { $0.contains(">\(name)</li>") }, "\(name) in \(fresh)") }
        let second = try CommandRun.segnb(["run", notebook.path], environment: scratch.environment(), directory: scratch.work)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("cached"), second.stderr)
        XCTAssertEqual(legends(try String(contentsOf: report)), fresh, "the overlay restored from the cache is shown with the same legend")
    }
}
