import XCTest
import SegTensor
@testable import SegNotebook
import SegRandom

/// Random command-line texts and numbers through the parsers the CLI options use: none may trap.
final class OptionFuzzTests: XCTestCase {
    private func text(_ generator: inout SplitMix64, alphabet: [Character]) -> String {
        String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
    }

    func testSizesParamsAndLimitsNeverTrap() throws {
        var generator = SplitMix64(seed: 19)
        let sizeAlphabet = Array("0123456789.eE+-KMGTiIbB ,x_\u{0663}")
        let paramAlphabet = Array("0123456789.eE+-[]\", truefalsnil_abcTF")
        let notebook = try NotebookReader.parse("%% params\nlet i = 1\nlet f = 0.5\nlet b = true\nlet s = \"x\"\nlet l = [1, 2]\nlet m = [[1.5], []]\n")
        for _ in 0..<600 {
            if let size = CacheStore.parseSize(text(&generator, alphabet: sizeAlphabet)) { XCTAssertGreaterThanOrEqual(size, 0) }
            let value = text(&generator, alphabet: paramAlphabet)
            for name in ["i", "f", "b", "s", "l", "m", "seed"] {
                do {
                    let resolved = try notebook.resolveParameters(overrides: ["\(name)=\(value)"])
                    let bound = try XCTUnwrap(resolved.first { $0.name == name }?.value)
                    // What was accepted reads back as the same literal (what the runner binds).
                    if case .string = bound {} else { XCTAssertEqual(ParamValue.parseLiteral(bound.description), bound) }
                } catch let error as ParamOverrideError {
                    XCTAssertTrue(error.message.contains("'\(name)'"), error.message)
                }
            }
            let seconds = Double(bitPattern: generator.next())
            if TimeLimit.deadline(after: seconds, from: .now) != nil { XCTAssertLessThanOrEqual(seconds, TimeLimit.longestSeconds) }
        }
    }
}
