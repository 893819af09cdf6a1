import Foundation
import XCTest
import SegTestSupport

/// A notebook using the real vision bindings, run end to end by `segnb run`.
final class VisionNotebookTests: ScratchHomeTestCase {
    static let mini = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Notebooks/data/camvid-mini").path

    func testNotebookWithCamVidAndShowWritesPicturesAndCharts() throws {
        let scratch = try XCTUnwrap(scratch)
        // A relative data path resolves against the notebook's folder.
        try FileManager.default.createSymbolicLink(atPath: scratch.work.appendingPathComponent("mini").path,
                                                   withDestinationPath: Self.mini)
        let notebook = scratch.work.appendingPathComponent("vision.segnb")
        try """
            %% md
            # Vision

            %% params
            let data = "mini"

            %% code load
            let ds = camvid.load(data, split: "val", size: [48, 64])
            len(ds)

            %% code look
            show([ds[0].image, ds[0].labels], title: "frame")
            plot.bar(ds.classes, ds.class_frequencies(), title: "shares")
            plot.line([3, 2, 1], title: "curve")
            table([{class: "Sky", share: 0.5}], title: "t")
            """.write(to: notebook, atomically: true, encoding: .utf8)
        let run = try CommandRun.segnb(["run", notebook.path], environment: scratch.environment(), directory: scratch.work)
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try String(contentsOf: scratch.work.appendingPathComponent("vision.html"))
        XCTAssertTrue(report.contains("data:image/png"), "the frame and label map are inline pictures")
        XCTAssertTrue(report.contains("<svg"), "the charts are inline SVG")
        XCTAssertTrue(report.contains("Sky"), "the legend and table name the classes")
        let second = try CommandRun.segnb(["run", notebook.path], environment: scratch.environment(), directory: scratch.work)
        XCTAssertEqual(second.status, 0, second.stderr)
        let again = try String(contentsOf: scratch.work.appendingPathComponent("vision.html"))
        XCTAssertTrue(again.contains("data:image/png") && again.contains("<svg"), "outputs restored from the cache")
        XCTAssertTrue(second.stderr.contains("cached"), second.stderr)
    }
}
