// libFuzzer harness for the PNG decoder (SegVision over libpng): images with and without alpha,
// and label maps, from arbitrary bytes. Errors are expected; traps and memory errors are findings.
import Foundation
import FuzzSupport
import SegVision

@_cdecl("fuzz_png_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzPNG)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(bytes: data, count: size)
    _ = try? PNGCodec.decodeImage(bytes, name: "fuzz.png")
    _ = try? PNGCodec.decodeImage(bytes, name: "fuzz.png", keepAlpha: true)
    _ = try? PNGCodec.decodeLabels(bytes, name: "fuzz.png")
    return 0
}
