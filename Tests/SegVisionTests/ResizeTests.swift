import XCTest
import SegTensor
@testable import SegVision

final class ResizeTests: XCTestCase {
    struct Case: Decodable { var name: String; var mode: String; var input: [Int]; var output: [Int] }

    func load(_ file: String) throws -> [Float] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("resize/" + file)))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    func testMatchesTorchInterpolate() throws {
        let json = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("resize/cases.json")))
        let cases = try JSONDecoder().decode([Case].self, from: json)
        XCTAssertEqual(cases.count, 10)
        for c in cases {
            let input = try Tensor(load(c.name + "_in.f32"), shape: c.input)
            let expected = try load(c.name + "_out.f32")
            let out = try ImageOps.resize(input, height: c.output[c.output.count - 2], width: c.output[c.output.count - 1],
                                          mode: ResizeMode(rawValue: c.mode) ?? .bilinear)
            XCTAssertEqual(out.shape, c.output, c.name)
            let got = try TestData.floats(out)
            let worst = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1e-5, c.name)
        }
    }

    func testNearestResizesInt32LabelMaps() throws {
        let labels = try Tensor(int32: [0, 1, 2, 3], shape: [2, 2])
        let up = try ImageOps.resize(labels, height: 4, width: 4, mode: .nearest)
        XCTAssertEqual(up.dtype, .int32)
        XCTAssertEqual(try TestData.ints(up), [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3])
        let batch = try Tensor(int32: [0, 1, 2, 3, 4, 5, 6, 7, 8], shape: [1, 3, 3])
        XCTAssertEqual(try TestData.ints(ImageOps.resize(batch, height: 2, width: 2, mode: .nearest)), [0, 1, 3, 4])
    }

    func testHandComputedBilinearAndErrors() throws {
        // 1x2 -> 1x4: sources -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped to the last pixel).
        let row = try Tensor([0, 4], shape: [1, 1, 2])
        XCTAssertEqual(try TestData.floats(ImageOps.resize(row, height: 1, width: 4)), [0, 1, 3, 4])
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.resize(Tensor(int32: [1], shape: [1, 1]), height: 2, width: 2) }.contains("nearest"))
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.resize(Tensor(shape: [4]), height: 2, width: 2) }.contains("[4]"))
        XCTAssertTrue(TestData.errorMessage { _ = try ImageOps.resize(row, height: 0, width: 2) }.contains("positive"))
    }
}
