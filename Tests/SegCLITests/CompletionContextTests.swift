import XCTest
@testable import SegCLI
import SegTestSupport

final class CompletionContextTests: XCTestCase {
    func testNamesAndMembers() {
        XCTAssertEqual(CompletionContext.analyse("let y = lear"), .code(.name(prefix: "lear")))
        XCTAssertEqual(CompletionContext.analyse(""), .code(.name(prefix: "")))
        XCTAssertEqual(CompletionContext.analyse("camvid.lo"), .code(.member(receiver: ["camvid"], prefix: "lo")))
        XCTAssertEqual(CompletionContext.analyse("f(ds.cl"), .code(.member(receiver: ["ds"], prefix: "cl")))
        XCTAssertEqual(CompletionContext.analyse("a.b.c"), .code(.member(receiver: ["a", "b"], prefix: "c")))
        XCTAssertEqual(CompletionContext.analyse("ds."), .code(.member(receiver: ["ds"], prefix: "")))
    }

    func testNothingAfterCallsNumbersAndComments() {
        XCTAssertEqual(CompletionContext.analyse("f(x).sh"), .nothing, "a call's result is never evaluated to complete")
        XCTAssertEqual(CompletionContext.analyse("3.5"), .nothing)
        XCTAssertEqual(CompletionContext.analyse("x = 1 # comm"), .nothing)
    }

    func testCommandsAndTheirArguments() {
        XCTAssertEqual(CompletionContext.analyse(":lo"), .command(prefix: ":lo"))
        XCTAssertEqual(CompletionContext.analyse(":load nb/ti"), .path(prefix: "nb/ti", quoted: false))
        XCTAssertEqual(CompletionContext.analyse(":help ma"), .code(.name(prefix: "ma")))
        XCTAssertEqual(CompletionContext.analyse(":time ds.le"), .code(.member(receiver: ["ds"], prefix: "le")))
        XCTAssertEqual(CompletionContext.analyse(":lo", atChunkStart: false), .code(.name(prefix: "lo")),
                       "inside a multi-line chunk a colon is code (a keyword argument), not a command")
    }

    func testPathsInsideStrings() {
        XCTAssertEqual(CompletionContext.analyse("image.read(\"data/cam"), .path(prefix: "data/cam", quoted: true))
        XCTAssertEqual(CompletionContext.analyse("load(\"my dir/f"), .path(prefix: "my dir/f", quoted: true))
        XCTAssertEqual(CompletionContext.analyse("print(\"done\") + x"), .code(.name(prefix: "x")))
    }

    func testWordBreaksMatchTheCompletedPrefix() {
        XCTAssertEqual(CompletionContext.path(prefix: "", quoted: true).wordBreakCharacters, "\"")
        XCTAssertTrue(CompletionContext.code(.name(prefix: "")).wordBreakCharacters.contains("."))
        XCTAssertFalse(CompletionContext.command(prefix: ":").wordBreakCharacters.contains(":"))
    }

    func testPathCandidatesMarkDirectories() throws {
        let scratch = try ScratchFolder("paths")
        let root = scratch.url
        try scratch.folder("frames")
        try scratch.write("x", to: "frame.png")
        try scratch.write("x", to: ".hidden")
        XCTAssertEqual(PathCompleter.candidates(for: root.path + "/fr"), [root.path + "/frame.png", root.path + "/frames/"])
        XCTAssertEqual(PathCompleter.candidates(for: root.path + "/"), [root.path + "/frame.png", root.path + "/frames/"])
        XCTAssertEqual(PathCompleter.candidates(for: root.path + "/.h"), [root.path + "/.hidden"])
    }
}
