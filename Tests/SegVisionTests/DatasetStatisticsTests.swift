import XCTest
import SegTensor
@testable import SegVision

final class DatasetStatisticsTests: XCTestCase {
    func testFrequenciesWeightsAndMeanStdAgreeWithDirectCounts() throws {
        let ds = try CamVid.load(root: TestData.mini, split: "val", size: ImageSize(height: 48, width: 64))
        var counts = [Int](repeating: 0, count: 11)
        var sums = [Double](repeating: 0, count: 3)
        var all: [[Float]] = [[], [], []]
        for i in 0..<ds.count {
            let s = try ds.sample(i)
            for v in try TestData.ints(s.labels) where v < 11 { counts[Int(v)] += 1 }
            let img = try TestData.floats(s.image)
            for c in 0..<3 { all[c] += img[(c * 48 * 64)..<((c + 1) * 48 * 64)] }
        }
        let total = Double(counts.reduce(0, +))
        let freq = try ds.classFrequencies()
        XCTAssertEqual(freq.count, 11)
        for c in 0..<11 { XCTAssertEqual(freq[c], Double(counts[c]) / total, accuracy: 1e-12) }
        XCTAssertEqual(freq.reduce(0, +), 1, accuracy: 1e-9)

        let weights = try ds.classWeights(method: .median)
        let present = freq.filter { $0 > 0 }.sorted()
        let median = present[(present.count - 1) / 2]
        for c in 0..<11 { XCTAssertEqual(weights[c], freq[c] > 0 ? median / freq[c] : 0, accuracy: 1e-12) }
        let sqrtWeights = try ds.classWeights(method: .sqrt)
        for c in 0..<11 { XCTAssertEqual(sqrtWeights[c], weights[c].squareRoot(), accuracy: 1e-12) }

        let (mean, std) = try ds.meanStd()
        for c in 0..<3 {
            let xs = all[c].map(Double.init)
            let m = xs.reduce(0, +) / Double(xs.count)
            let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
            sums[c] = m
            XCTAssertEqual(mean[c], m, accuracy: 1e-6)
            XCTAssertEqual(std[c], v.squareRoot(), accuracy: 1e-6)
        }
        XCTAssertGreaterThan(sums[0], 0.1)
    }

    func testAbsentClassesGetWeightZero() throws {
        // The 32-class fixture grouped: Bicyclist is absent from those three frames or not; check the rule.
        let ds = try CamVid.load(root: TestData.fixture("camvid32"), split: "train", classes: 11)
        let freq = try ds.classFrequencies(), weights = try ds.classWeights()
        for c in 0..<11 where freq[c] == 0 { XCTAssertEqual(weights[c], 0) }
        XCTAssertTrue(zip(freq, weights).allSatisfy { $0 > 0 ? $1 > 0 : $1 == 0 })
    }
}
