import Foundation
import SegTensor
import SegVision
@testable import SegNotebook
import SegScript

/// Builds realistic report inputs: CamVid frames from the embedded mini dataset, a long loss curve, metric tables.
enum ReportFixtures {
    static let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"

    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Frame, ground truth and overlay of one mini-CamVid validation frame, as PNG outputs with a class legend.
    static func camvidImages() throws -> [OutputImage] {
        let root = repoRoot.appendingPathComponent("Notebooks/data/camvid-mini")
        let name = "0016E5_07959.png"
        let frame = try PNGCodec.readImage(root.appendingPathComponent("val/\(name)").path)
        let labels = try PNGCodec.readLabels(root.appendingPathComponent("valannot/\(name)").path)
        let table = CamVidClasses.standard
        let colored = try ImageOps.colorize(labels, palette: table.colors)
        let overlay = try ImageOps.overlay(frame, labels: labels, palette: table.colors, alpha: 0.5)
        let legend = zip(table.names, table.colors).map { LegendEntry(name: $0.0, red: $0.1[0], green: $0.1[1], blue: $0.1[2]) }
        func output(_ tensor: Tensor, _ caption: String, _ legend: [LegendEntry] = []) throws -> OutputImage {
            OutputImage(png: Data(try PNGCodec.encode(tensor)), width: tensor.shape[2], height: tensor.shape[1], caption: caption, legend: legend)
        }
        return [try output(frame, "input \(name)"), try output(colored, "ground truth", legend), try output(overlay, "overlay", legend)]
    }

    /// A noisy decreasing loss curve of `count` steps and a validation curve.
    static func lossChart(count: Int = 10_000) -> LineChart {
        var generator = SystemRandomNumberGenerator()
        let train = (0..<count).map { step -> Double in
            let t = Double(step) / Double(count)
            return 2.4 * exp(-3 * t) + 0.25 + Double.random(in: -0.08...0.08, using: &generator)
        }
        let epochs = stride(from: 0.0, through: Double(count - 1), by: Double(count) / 20)
        let validation = epochs.map { 2.3 * exp(-3 * $0 / Double(count)) + 0.35 }
        return LineChart(title: "Training loss", xLabel: "step", yLabel: "cross-entropy",
                         series: [ChartSeries(name: "train", y: train), ChartSeries(name: "validation", x: Array(epochs), y: validation)])
    }

    static func iouTable() -> OutputTable {
        let names = CamVidClasses.standard.names
        let ious: [Double?] = [0.89, 0.71, 0.12, 0.93, 0.68, 0.74, 0.21, 0.33, 0.62, 0.25, nil]
        let rows = zip(names, ious).map { name, iou -> [TableCell] in
            [.text(name), iou.map { .number($0, display: String(format: "%.3f", $0)) } ?? .missing, .number((iou ?? 0) * 1.1, display: String(format: "%.1f%%", min((iou ?? 0) * 110, 100)))]
        }
        return OutputTable(title: "Per-class IoU (validation)", columns: ["class", "IoU", "accuracy"], rows: rows)
    }

    /// A whole run result with every kind of output, as the runner would produce it.
    static func demoResult(hostileEverywhere: Bool = false) throws -> RunResult {
        let evil = hostileEverywhere ? hostile : ""
        let text = """
        %% md
        # CamVid semantic segmentation with a UNet \(evil)
        This notebook trains a small **UNet** on the embedded *camvid-mini* frames and reports
        per-class IoU. See [the dataset notes](#data) and `camvid.load`. \(evil)

        ## Data
        - 32 training frames, 16 validation frames at 96x128
        - 11 classes plus void
        %% params
        let epochs = 20          # segnb run -p epochs=2
        let data = "data/camvid-mini"
        %% code load
        let train = camvid.load(data, split: "train", size: [96, 128])   # frames \(evil)
        len(train)
        %% md
        ## Training
        %% code train timeout=1800
        let model = nn.unet(classes: 12, base: 16)
        let opt = nn.adam(model.parameters(), lr: 1e-3)
        for epoch in 0..<epochs {
            for batch in train.loader(batch: 8) { step(batch) }
        }
        plot.lines({train: history.loss, validation: history.val})
        %% md
        ## Evaluation
        %% code evaluate
        let m = metrics.evaluate(model, val, batch: 8)
        m.table()
        %% code samples echo=false
        show([frame, truth, overlay])
        %% code broken
        let x = model(zeros([1, 3, 5, 5]))
        %% code after
        print("never")
        """
        let notebook = try NotebookReader.parse(text, path: "Notebooks/camvid-unet.segnb")
        func result(_ number: Int, _ status: CellStatus, _ outputs: [CellOutput], note: String? = nil) -> CellResult {
            CellResult(cell: notebook.cells[number - 1], status: status, outputs: outputs, cacheNote: note, key: nil)
        }
        let broken = notebook.cells[8]
        let cells = [
            result(1, .markdown, []),
            result(2, .ran(seconds: 0), []),
            result(3, .restored(seconds: 1.2), [.text("loaded 32 frames \(evil)\n"), .value("32")]),
            result(4, .markdown, []),
            result(5, .ran(seconds: 412.5), [.text("epoch 20: loss 0.412 \(evil)\n"), .chart(lossChart())]),
            result(6, .markdown, []),
            result(7, .ran(seconds: 3.1), [.table(iouTable()), .value("{miou: 0.548, pixel_accuracy: 0.871}"), .markdown("Mean IoU **0.548** \(evil)")]),
            result(8, .restored(seconds: 0.4), [.images(try camvidImages(), title: "Validation frame \(evil)")], note: hostileEverywhere ? "not cached: `f` cannot be stored \(evil)" : nil),
            result(9, .failed(seconds: 0.01), [.error(LocatedDiagnostic(
                message: "conv2d: input has 5x5 pixels but the UNet needs multiples of 16 \(evil)", source: broken.label,
                line: broken.notebookLine(forSourceLine: 1), column: 15, sourceLine: broken.sourceLine(1), notes: ["unet.forward", "conv2d"]))]),
            result(10, .notRun, []),
        ]
        return RunResult(notebook: notebook,
                         parameters: [(name: "epochs", value: .int(20)), (name: "data", value: .string("data/camvid-mini\(evil)"))],
                         seed: "0", startedAt: Date(timeIntervalSince1970: 1_795_000_000), totalSeconds: 417.3, cells: cells,
                         warnings: [], version: "segnb 0.1", timedOut: false)
    }
}
