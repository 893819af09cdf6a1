import CFuzzDriver

/// A harness's test function: one input's bytes in, 0 out (libFuzzer's `LLVMFuzzerTestOneInput`).
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process to libFuzzer. SwiftPM links an executable with `main` aliased to
/// `<module>_main`, which each harness defines to call this, so libFuzzer's own `main` is not used.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: FuzzTest) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, test)
}

/// The input as text, with invalid UTF-8 repaired the way file readers see it.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    guard let data else { return "" }
    return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}
