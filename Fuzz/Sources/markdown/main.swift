// libFuzzer harness for the report's Markdown: the renderer that every `%% md` cell and `md()`
// output goes through, with its HTML sanitizing and heading anchors.
import FuzzSupport
@testable import SegNotebook

@_cdecl("fuzz_markdown_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzMarkdown)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = fuzzText(data, size)
    var renderer = MarkdownRenderer()
    _ = renderer.render(text)
    // A second cell through the same renderer, as in a report, exercises anchor de-duplication.
    _ = renderer.render(text)
    _ = renderer.headings
    return 0
}
