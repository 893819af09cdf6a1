import XCTest
@testable import SegScript
@testable import SegBindings

/// Properties live in the one built-in table: help, completion and the reference read them.
final class PropertyTableTests: XCTestCase {
    func testTypeHelpListsPropertiesAndMethodsOneLineEach() throws {
        let (interp, _) = Seg.interpreter()
        let tensor = interp.helpText(for: .string("Tensor"))
        for fragment in ["properties:", "  .shape  The size of each axis", "  .requires_grad (settable)", "methods:", "  Tensor.reshape(shape...)"] {
            XCTAssertTrue(tensor.contains(fragment), "Tensor help lacks \(fragment):\n\(tensor)")
        }
        XCTAssertEqual(interp.helpText(for: .string("Tensor.shape")), "Tensor.shape\n    The size of each axis, a List of Ints.")
        XCTAssertTrue(interp.helpText(for: .string("Dataset.classes")).contains("class names"))
        XCTAssertTrue(interp.helpText(for: .string("Dataset")).contains(".void"))
        let evaluate = interp.helpText(for: .string("metrics.evaluate"))
        for key in ["pixel_accuracy", "mean_class_accuracy", "miou", "fw_iou", "iou", "class_accuracy", "matrix", "loss", "table", "confusion"] {
            XCTAssertTrue(evaluate.contains(key), "metrics.evaluate help lacks the key \(key)")
        }
        XCTAssertTrue(interp.helpText(for: .string("Error")).contains(".message"))
        XCTAssertTrue(try Seg.run("help(zeros([2]))").contains(".dtype"))
    }

    func testCompletionOffersProperties() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("let x = zeros([2, 3])", name: "repl")
        XCTAssertEqual(interp.completions(forLine: "x.sh"), ["x.shape"])
        XCTAssertTrue(interp.completions(forLine: "x.").contains("x.requires_grad"))
        XCTAssertTrue(interp.completions(forLine: "x.").contains("x.T"))
    }

    func testEveryDocumentedPropertyIsReadable() throws {
        let (interp, _) = Seg.interpreter()
        _ = try interp.evaluate("""
        let t = zeros([2, 3])
        let layer = nn.conv2d(3, 4)
        let opt = nn.sgd(layer.parameters(), lr: 0.1)
        let sched = nn.cosine(opt, steps: 10)
        let cm = metrics.confusion(classes: 3)
        let tab = cm.table()
        var err = nil
        try { error("boom") } catch e { err = e }
        """, name: "setup")
        for (name, type) in [("t", "Tensor"), ("layer", "Layer"), ("opt", "Optimizer"), ("sched", "Schedule"),
                             ("cm", "Confusion"), ("tab", "Table"), ("err", "Error")] {
            let value = try XCTUnwrap(interp.global(name))
            XCTAssertEqual(value.typeName, type)
            let names = interp.registry.propertyNames(of: type)
            XCTAssertFalse(names.isEmpty, type)
            for p in names { XCTAssertNoThrow(try interp.getMember(value, p), "\(type).\(p)") }
        }
    }
}
