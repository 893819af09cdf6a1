// libFuzzer harness for the report's Markdown: the renderer that every `%% md` cell and `md()`
// output goes through, with its HTML sanitizing and heading anchors.
import FuzzSupport
@testable import SegNotebook

@_cdecl("fuzz_markdown_main")
public func fuzzMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
    runLibFuzzer(argc, argv, text: { text in
        var renderer = MarkdownRenderer()
        _ = renderer.render(text)
        // A second cell through the same renderer, as in a report, exercises anchor de-duplication.
        _ = renderer.render(text)
        _ = renderer.headings
    })
}
