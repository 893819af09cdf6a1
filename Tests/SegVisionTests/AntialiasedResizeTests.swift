import XCTest
import SegTensor
@testable import SegVision

/// Antialiased bilinear and nearest-exact resizing against PIL and torch outputs made by
/// Benchmarks/python/make_antialias_fixtures.py.
final class AntialiasedResizeTests: XCTestCase {
    struct Cases: Decodable { struct Size: Decodable { var height: Int; var width: Int }; var input: [Int]; var sizes: [Size] }

    func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("antialias/" + file))))
    }

    func words<T>(_ file: String, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestData.fixture("antialias/" + file)))
        return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
    }

    func cases() throws -> Cases {
        let cases = try JSONDecoder().decode(Cases.self, from: Data(bytes("cases.json")))
        XCTAssertEqual(cases.sizes.count, 4)
        return cases
    }

    func testFramesMatchPILBilinearWithinOneGreyLevel() throws {
        let frame = try PNGCodec.decodeRGB8(Data(bytes("frame.png")), name: "frame.png")
        XCTAssertEqual([frame.height, frame.width], [45, 60])
        for size in try cases().sizes {
            let (h, w) = (size.height, size.width)
            let pil = try bytes("pil_frame_\(h)x\(w).rgb")
            XCTAssertEqual(pil.count, 3 * h * w)
            var ours = [UInt8](repeating: 0, count: 3 * h * w)
            frame.pixels.withUnsafeBufferPointer { src in
                ours.withUnsafeMutableBufferPointer { dst in
                    ImageOps.resizeRGB8Antialiased(src.baseAddress.unsafelyUnwrapped, height: 45, width: 60,
                                                   into: dst.baseAddress.unsafelyUnwrapped, outHeight: h, outWidth: w)
                }
            }
            // Ours is planar CHW, PIL's interleaved HWC.
            var worst = 0
            for c in 0..<3 { for i in 0..<(h * w) { worst = max(worst, abs(Int(ours[c * h * w + i]) - Int(pil[i * 3 + c]))) } }
            XCTAssertLessThanOrEqual(worst, 1, "\(h)x\(w)")
        }
    }

    func testPlainBilinearAliasesWhereAntialiasingDoesNot() throws {
        // The 2-pixel checkerboard in blue averages to mid grey under PIL; the plain 2-tap
        // resize picks samples from it and lands far away somewhere.
        let frame = try PNGCodec.decodeRGB8(Data(bytes("frame.png")), name: "frame.png")
        let pil = try bytes("pil_frame_17x23.rgb")
        var plain = [UInt8](repeating: 0, count: 3 * 17 * 23)
        frame.pixels.withUnsafeBufferPointer { src in
            plain.withUnsafeMutableBufferPointer { dst in
                ImageOps.resizeRGB8(src.baseAddress.unsafelyUnwrapped, height: 45, width: 60,
                                    into: dst.baseAddress.unsafelyUnwrapped, outHeight: 17, outWidth: 23)
            }
        }
        let worst = (0..<(17 * 23)).map { abs(Int(plain[2 * 17 * 23 + $0]) - Int(pil[$0 * 3 + 2])) }.max() ?? 0
        XCTAssertGreaterThan(worst, 20)
    }

    func testLabelsMatchPILNearestExactly() throws {
        let labels = try PNGCodec.readLabels(TestData.fixture("antialias/labels.png"))
        for (h, w) in [(24, 32), (17, 23)] {
            let pil = try bytes("pil_labels_\(h)x\(w).u8").map(Int32.init)
            let out = try ImageOps.resize(labels, height: h, width: w, mode: .nearestExact)
            XCTAssertEqual(try TestData.ints(out), pil, "\(h)x\(w)")
            let src = try TestData.ints(labels).map { UInt8($0) }
            var ours = [UInt8](repeating: 0, count: h * w)
            src.withUnsafeBufferPointer { from in
                ours.withUnsafeMutableBufferPointer { to in
                    ImageOps.resizeLabels8(from.baseAddress.unsafelyUnwrapped, height: 45, width: 60,
                                           into: to.baseAddress.unsafelyUnwrapped, outHeight: h, outWidth: w, exact: true)
                }
            }
            XCTAssertEqual(ours.map(Int32.init), pil, "8-bit \(h)x\(w)")
        }
    }

    func testFloatsMatchTorchAntialiasAndNearestExact() throws {
        let cases = try cases()
        let input = try Tensor(words("torch_in.f32", as: Float.self), shape: cases.input)
        let labels = try Tensor(int32: words("torch_in.i32", as: Int32.self), shape: [1, 45, 60])
        for size in cases.sizes {
            let (h, w) = (size.height, size.width)
            let out = try ImageOps.resize(input, height: h, width: w, antialias: true)
            XCTAssertEqual(out.shape, [2, h, w])
            let expected = try words("torch_aa_\(h)x\(w).f32", as: Float.self)
            let worst = zip(try TestData.floats(out), expected).map { abs($0 - $1) }.max() ?? 1
            XCTAssertLessThanOrEqual(worst, 1e-5, "antialias \(h)x\(w)")
            let exact = try words("torch_ne_\(h)x\(w).i32", as: Int32.self)
            let ne = try ImageOps.resize(labels, height: h, width: w, mode: .nearestExact)
            XCTAssertEqual(ne.dtype, .int32)
            XCTAssertEqual(try TestData.ints(ne), exact, "nearest-exact \(h)x\(w)")
            let neFloat = try ImageOps.resize(labels.astype(.float32), height: h, width: w, mode: .nearestExact)
            XCTAssertEqual(try TestData.floats(neFloat), exact.map(Float.init), "nearest-exact float \(h)x\(w)")
        }
    }

    func testHandComputedTaps() throws {
        // 4 -> 2: each output pixel is the triangle over 2 source pixels either side of its
        // centre (1 and 3): weights 1/4, 3/4 | 3/4, 1/4 around, normalised at the edges.
        let row = try Tensor([0, 4, 8, 12], shape: [1, 1, 4])
        let out = try TestData.floats(ImageOps.resize(row, height: 1, width: 2, antialias: true))
        // Centre 1: taps 0..2 with tent weights 0.75, 0.75, 0.25 (sum 1.75).
        XCTAssertEqual(out[0], (0.75 * 0 + 0.75 * 4 + 0.25 * 8) / 1.75, accuracy: 1e-5)
        XCTAssertEqual(out[1], (0.25 * 4 + 0.75 * 8 + 0.75 * 12) / 1.75, accuracy: 1e-5)
        // Upscaling reduces to plain bilinear.
        let up = try Tensor([0, 4], shape: [1, 1, 2])
        XCTAssertEqual(try TestData.floats(ImageOps.resize(up, height: 1, width: 4, antialias: true)), [0, 1, 3, 4])
        XCTAssertEqual(AxisSampling.nearestExact(input: 4, output: 2), [1, 3])
        XCTAssertEqual(AxisSampling.nearest(input: 4, output: 2), [0, 2])
    }

    func testAntialiasNeedsBilinearFloat() throws {
        let labels = try Tensor(int32: [0, 1, 2, 3], shape: [2, 2])
        let m1 = TestData.errorMessage { _ = try ImageOps.resize(labels, height: 1, width: 1, mode: .nearest, antialias: true) }
        XCTAssertTrue(m1.contains("antialias") && m1.contains("bilinear"), m1)
        let m2 = TestData.errorMessage { _ = try ImageOps.resize(labels, height: 1, width: 1, antialias: true) }
        XCTAssertTrue(m2.contains("int32"), m2)
    }
}
