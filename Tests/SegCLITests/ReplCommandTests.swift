import XCTest
@testable import SegCLI

final class ReplCommandTests: XCTestCase {
    private func parse(_ line: String) -> ReplCommand? { try? ReplCommand.parse(line).get() }

    func testEveryCommandParses() {
        XCTAssertEqual(parse(":help"), .help(nil))
        XCTAssertEqual(parse(":help zeros"), .help("zeros"))
        XCTAssertEqual(parse(":load  nb/tiny.segnb "), .load("nb/tiny.segnb"))
        XCTAssertEqual(parse(":cells"), .cells)
        XCTAssertEqual(parse(":next"), .next)
        XCTAssertEqual(parse(":n"), .next)
        XCTAssertEqual(parse(":run 3"), .run(.number(3)))
        XCTAssertEqual(parse(":run 2-5"), .run(.range(2, 5)))
        XCTAssertEqual(parse(":run train"), .run(.name("train")))
        XCTAssertEqual(parse(":run all"), .run(.all))
        XCTAssertEqual(parse(":show 2"), .show("2"))
        XCTAssertEqual(parse(":vars"), .vars)
        XCTAssertEqual(parse(":time fib(20) + 1"), .time("fib(20) + 1"))
        XCTAssertEqual(parse(":report"), .report(nil))
        XCTAssertEqual(parse(":report out.html"), .report("out.html"))
        XCTAssertEqual(parse(":reset"), .reset)
        XCTAssertEqual(parse(":quit"), .quit)
    }

    func testErrorsNameTheCommand() {
        guard case .failure(let unknown) = ReplCommand.parse(":frobnicate") else { return XCTFail("accepted") }
        XCTAssertTrue(unknown.message.contains(":frobnicate"))
        guard case .failure(let missing) = ReplCommand.parse(":load") else { return XCTFail("accepted") }
        XCTAssertEqual(missing.message, ":load needs a notebook path")
    }

    /// Every name and alias in the table parses to its command, is listed by `:help` (and `:help NAME`
    /// finds it) and is offered by completion.
    func testEveryTableCommandParsesIsInHelpAndCompletes() {
        XCTAssertTrue(ReplCommandDescriptor.allNames.contains(":h"))
        XCTAssertTrue(ReplCommandDescriptor.allNames.contains(":q"))
        XCTAssertTrue(ReplCommandDescriptor.allNames.contains(":exit"))
        XCTAssertEqual(Set(ReplCommandDescriptor.allNames).count, ReplCommandDescriptor.allNames.count, "no name is used twice")
        var out = ""
        let writer = ConsoleWriter(out: { out += $0 }, err: { _ in })
        let printer = TerminalPrinter(writer: writer, isTerminal: false, columns: { 80 }, imageDirectory: "/nonexistent")
        let engine = Language.makeReplEngine()
        let repl = Repl(engine: engine, writer: writer, printer: printer)
        let completer = Completer(engine: engine)
        _ = repl.accept(":help")
        let help = out
        for descriptor in ReplCommandDescriptor.all {
            XCTAssertTrue(help.contains("\n" + descriptor.helpLine + "\n"), descriptor.names[0])
            let argument: String? = descriptor.argument == .absent ? nil : "x"
            for name in descriptor.names {
                XCTAssertEqual(parse(name + (argument.map { " " + $0 } ?? "")), descriptor.command(argument), name)
                XCTAssertTrue(descriptor.helpLine.hasPrefix(descriptor.names.joined(separator: ", ")), name)
                out = ""
                _ = repl.accept(":help " + name)
                XCTAssertEqual(out, descriptor.helpLine + "\n", name)
                XCTAssertTrue(completer.candidates(for: CompletionContext.analyse(String(name.prefix(2)))).contains(name), name)
                XCTAssertEqual(completer.candidates(for: CompletionContext.analyse(name)).first, name, name)
            }
            if case .required(let what) = descriptor.argument, let name = descriptor.names.last {
                guard case .failure(let missing) = ReplCommand.parse(name) else { return XCTFail("\(name) accepted no argument") }
                XCTAssertEqual(missing.message, "\(name) needs \(what)")
            }
        }
    }

    func testArgumentsCompleteAsTheTableSays() {
        XCTAssertEqual(CompletionContext.analyse(":load no"), .path(prefix: "no", quoted: false))
        XCTAssertEqual(CompletionContext.analyse(":report o"), .path(prefix: "o", quoted: false))
        XCTAssertEqual(CompletionContext.analyse(":h ma"), .code(.name(prefix: "ma")))
        XCTAssertEqual(CompletionContext.analyse(":time le"), .code(.name(prefix: "le")))
        XCTAssertEqual(CompletionContext.analyse(":run tr"), .nothing)
    }
}
