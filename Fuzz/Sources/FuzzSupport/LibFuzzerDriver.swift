import CFuzzDriver

/// The `argv` that a harness's `<module>_main` receives.
public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

/// The running harness's check of one input (one harness per process).
private var currentTest: ((UnsafeBufferPointer<UInt8>) -> Void)?

/// Hands the process to libFuzzer, which calls `test` with each input's bytes; errors are
/// expected, a trap or a sanitizer report is a finding. SwiftPM links an executable with `main`
/// aliased to `<module>_main`, which each harness defines to call this, so libFuzzer's own `main`
/// is not used.
public func runLibFuzzer(_ argc: CInt, _ argv: FuzzArguments, bytes test: @escaping (UnsafeBufferPointer<UInt8>) -> Void) -> CInt {
    currentTest = test
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
}

/// The same with each input as text, invalid UTF-8 repaired the way file readers see it.
public func runLibFuzzer(_ argc: CInt, _ argv: FuzzArguments, text test: @escaping (String) -> Void) -> CInt {
    runLibFuzzer(argc, argv, bytes: { test(String(decoding: $0, as: UTF8.self)) })
}

/// libFuzzer's runtime links against this name; every input reaches the harness's check here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    currentTest?(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
