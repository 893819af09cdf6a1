import XCTest
import SegRandom
@testable import SegScript

/// Feeds random and mutated programs to the lexer, parser, analysis and (briefly, with an
/// interruption timer as the budget) the evaluator: nothing may crash or hang.
final class FuzzTests: XCTestCase {
    /// The golden scripts and the libFuzzer corpus of the lexer and parser (`Fuzz/corpus/seg`).
    static func corpus() throws -> [String] {
        let scripts = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("scripts")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var texts: [String] = []
        for url in [scripts, repository.appendingPathComponent("Fuzz/corpus/seg")] {
            for f in try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil) where f.pathExtension == "seg" {
                texts.append(String(decoding: try Data(contentsOf: f), as: UTF8.self))
            }
        }
        return texts
    }

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", ":", ";", "\n", ".", "...", "..<", "+", "-", "*", "/", "//", "%",
                            "@", "**", "==", "<", "=", "+=", "|>", "\"", "\"\"\"", "\\(", "#", "let ", "var ", "fn ", "return ",
                            "if ", "else ", "for ", "in ", "while ", "break", "continue", "try ", "catch ", "and ", "or ", "not ",
                            "nil", "true", "x", "xs", "f(", "0", "1e", ".5", "9223372036854775807", "-", "é", "\t", "[::-1]", "[1:]",
                            "&", "|", "^", "~", "[x for x in xs if x]", " for ", "[(a, b) for (a, b) in "]

    static func mutate(_ text: String, _ rng: inout Xoshiro256StarStar) -> String {
        var bytes = Array(text.utf8)
        let edits = rng.nextInt(1, 6)
        for _ in 0..<edits {
            let pos = bytes.isEmpty ? 0 : rng.nextInt(0, bytes.count - 1)
            switch rng.nextInt(0, 5) {
            case 0 where !bytes.isEmpty: bytes.removeSubrange(pos..<min(bytes.count, pos + rng.nextInt(1, 20)))
            case 1: bytes.insert(contentsOf: Array(fragments[rng.nextInt(0, fragments.count - 1)].utf8), at: pos)
            case 2 where !bytes.isEmpty: bytes[pos] = UInt8(truncatingIfNeeded: rng.next())
            case 3 where bytes.count > 2:
                let a = rng.nextInt(0, bytes.count - 1), n = min(rng.nextInt(1, 40), bytes.count - a)
                bytes.insert(contentsOf: bytes[a..<(a + n)], at: pos)
            default: bytes.insert(contentsOf: Array(fragments[rng.nextInt(0, fragments.count - 1)].utf8), at: pos)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func randomProgram(_ rng: inout Xoshiro256StarStar) -> String {
        (0..<rng.nextInt(1, 60)).map { _ in fragments[rng.nextInt(0, fragments.count - 1)] }.joined()
    }

    /// Parses, analyzes and runs one program for at most ~`budget` seconds.
    static func exercise(_ text: String, run: Bool, budget: Double = 0.01) {
        let source = SourceFile(name: "fuzz", text: text, lineOffset: 3)
        for d in Interpreter.check(source) { _ = d.description }
        _ = try? Interpreter.analyze(source)
        guard run else { return }
        let interp = Interpreter(sink: CollectingSink())
        interp.maxCallDepth = 200
        let flag = interp.interruption
        // Set again every `budget` until the run ends: `evaluate` clears the flag when it starts, so
        // a single early signal could be lost and leave an endless loop running.
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + budget, repeating: budget)
        timer.setEventHandler { flag.set() }
        timer.resume()
        do { try interp.evaluate(source) } catch let e as ScriptError { _ = e.description } catch {}
        timer.cancel()
        _ = interp.snapshotVersions()
        for name in interp.userGlobalNames { _ = try? ValueCodec.encode(interp.global(name) ?? .null) }
    }

    func testMutatedAndRandomProgramsNeverCrash() throws {
        let corpus = try Self.corpus()
        XCTAssertFalse(corpus.isEmpty)
        var rng = Xoshiro256StarStar(seed: 2026)
        var parsed = 0
        try LargeStack.run {
            for i in 0..<1000 {
                let text = i % 4 == 0 ? Self.randomProgram(&rng) : Self.mutate(corpus[rng.nextInt(0, corpus.count - 1)], &rng)
                Self.exercise(text, run: i % 5 == 0)
                parsed += 1
            }
        }
        XCTAssertEqual(parsed, 1000)
    }

    /// The golden scripts, hand-written seeds and the inputs libFuzzer kept (`lf-*.seg`) all run
    /// without crashing.
    func testCorpusRunsCleanly() throws {
        let texts = try Self.corpus()
        XCTAssertGreaterThan(texts.count, 50)
        try LargeStack.run { for text in texts { Self.exercise(text, run: true, budget: 0.05) } }
    }
}
