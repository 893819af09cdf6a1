// libFuzzer harness for the PNG decoder (SegVision over libpng): images with and without alpha,
// and label maps, from arbitrary bytes. Errors are expected; traps and memory errors are findings.
import Foundation
import FuzzSupport
import SegVision

@_cdecl("fuzz_png_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    runLibFuzzer(argc, argv, bytes: { input in
        let bytes = Data(input)
        _ = try? PNGCodec.decodeImage(bytes, name: "fuzz.png")
        _ = try? PNGCodec.decodeImage(bytes, name: "fuzz.png", keepAlpha: true)
        _ = try? PNGCodec.decodeLabels(bytes, name: "fuzz.png")
    })
}
