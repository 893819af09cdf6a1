import XCTest
@testable import SegScript
@testable import SegBindings

/// Built-ins given sizes and values that cannot work: each is an error that says so, never a
/// trap, an abort or a silently wrong result.
final class HostileArgumentTests: XCTestCase {
    private func message(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let value = try Seg.eval(source)
            XCTFail("expected an error from \(source), got \(reprString(value))", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Runs each source and checks that its error message holds the fragment paired with it.
    private func assertErrors(_ cases: [(source: String, fragment: String)], file: StaticString = #filePath, line: UInt = #line) {
        for (source, fragment) in cases {
            let text = message(source, file: file, line: line)
            XCTAssertTrue(text.contains(fragment), "\(source): \(text) lacks \(fragment)", file: file, line: line)
        }
    }

    func testConvolutionPaddingThatOverflowsIsAnError() {
        for padding in ["9223372036854775807", "4611686018427387904", "2 ** 40"] {
            let text = message("nn.conv2d(1, 1, kernel: 3, padding: \(padding))(zeros([1, 1, 4, 4]))")
            XCTAssertTrue(text.contains("too large"), "\(padding): \(text)")
        }
    }

    func testUpsampleScaleThatOverflowsIsAnError() {
        for scale in ["2 ** 62", "9223372036854775807", "2 ** 31"] {
            let text = message("nn.upsample(scale: \(scale))(zeros([1, 1, 2, 2]))")
            XCTAssertTrue(text.contains("too large") || text.contains("too many elements"), "\(scale): \(text)")
        }
    }

    func testInt32ValuesOutOfRangeAreErrorsNamingTheValue() throws {
        assertErrors([
            ("tensor([3e9], dtype: \"int32\")", "3000000000"),
            ("tensor([1, -3000000000], dtype: \"int32\")", "-3000000000"),
            ("tensor([2147483648], dtype: \"int32\")", "out of bounds for int32"),
            ("tensor([nan], dtype: \"int32\")", "nan"),
            ("full([2], 1e10, dtype: \"int32\")", "10000000000"),
        ])
        XCTAssertEqual(reprString(try Seg.eval("tensor([2147483647, -2147483648, 2.9], dtype: \"int32\").tolist()")),
                       "[2147483647, -2147483648, 2]")
    }

    func testIntegerTensorsToNegativePowersAreAnError() throws {
        assertErrors([
            ("tensor([2, 3], dtype: \"int32\") ** -1", "Integers to negative integer powers are not allowed"),
            ("tensor([2, 3], dtype: \"int32\") ** tensor([1, -2], dtype: \"int32\")", "negative integer powers"),
        ])
        XCTAssertEqual(reprString(try Seg.eval("(tensor([2, 3], dtype: \"int32\") ** 2).tolist()")), "[4, 9]")
        XCTAssertEqual(reprString(try Seg.eval("(tensor([2.0, 4.0]) ** -1).tolist()")), "[0.5, 0.25]")
    }

    func testImpossibleAllocationsAreErrors() {
        assertErrors([
            ("metrics.confusion(100000)", "out of memory"),
            ("metrics.confusion(4000000000)", "too large"),
            ("image.resize(zeros([3, 4, 4]), [1, 1000000000000])", "too many elements"),
            ("image.resize(zeros([1, 50000, 2]), [1, 30000000], antialias: true)", "too large"),
            ("zeros([100000, 100000, 1000])", "too many elements"),
        ])
    }

    func testSecondBackwardIsAnError() {
        let text = message("let w = tensor([1.0, 2.0])\nw.requires_grad = true\nlet loss = (w * w).sum()\nloss.backward()\nloss.backward()")
        XCTAssertTrue(text.contains("Trying to backward through the graph a second time"), text)
    }
}
