import SegScript

/// What the text before the cursor asks to complete. Worked out from the line alone, so that
/// completing never runs code.
enum CompletionContext: Equatable {
    /// A REPL command name such as `:lo`.
    case command(prefix: String)
    /// A file path: inside a string literal (`quoted`), or the argument of `:load` / `:report`.
    case path(prefix: String, quoted: Bool)
    /// A name or member that the engine knows about.
    case code(CompletionRequest)
    /// Nothing sensible to offer (after a number, a call's result, a comment...).
    case nothing

    /// Analyses `line`, the current input line up to the cursor. `atChunkStart` is false while
    /// continuation lines of a multi-line chunk are being typed (commands are not valid there).
    static func analyse(_ line: String, atChunkStart: Bool = true) -> CompletionContext {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if atChunkStart, trimmed.hasPrefix(":") {
            guard let space = trimmed.firstIndex(where: { $0 == " " }) else {
                return .command(prefix: String(trimmed))
            }
            let name = String(trimmed[..<space])
            let argument = String(trimmed[space...].drop { $0 == " " })
            switch ReplCommandDescriptor.named(name)?.completion ?? .nothing {
            case .path: return .path(prefix: argument, quoted: false)
            case .builtinName: return .code(.name(prefix: argument))
            case .code: return analyseCode(argument)
            case .nothing: return .nothing
            }
        }
        return analyseCode(line)
    }

    private static func analyseCode(_ line: String) -> CompletionContext {
        let scan = SourceScanner(line)
        if let open = scan.openString {
            let chars = Array(line)
            return .path(prefix: String(chars[min(open.start, chars.count)...]), quoted: true)
        }
        // The line's end after a `#` outside a string is inside a comment.
        if SourceFile.strippingComment(line).count < line.count { return .nothing }
        let chars = Array(line)
        var start = chars.count
        while start > 0, isIdentifierCharacter(chars[start - 1]) { start -= 1 }
        let prefix = String(chars[start...])
        if prefix.first?.isNumber == true { return .nothing }
        guard start > 0, chars[start - 1] == "." else { return .code(.name(prefix: prefix)) }
        var receiverStart = start - 1
        while receiverStart > 0, isIdentifierCharacter(chars[receiverStart - 1]) || chars[receiverStart - 1] == "." {
            receiverStart -= 1
        }
        let receiverText = String(chars[receiverStart..<(start - 1)])
        let parts = receiverText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let valid = !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.first else { return false }
            return !first.isNumber
        }
        return valid ? .code(.member(receiver: parts, prefix: prefix)) : .nothing
    }

    /// The characters readline must treat as word breaks so that the word it replaces is exactly
    /// the prefix this context completes.
    var wordBreakCharacters: String {
        switch self {
        case .command: return " \t"
        case .path(_, let quoted): return quoted ? "\"" : " \t"
        case .code, .nothing: return " \t\n\"'`@$><=;|&{([,.:+-*/%)]}!#~^?\\"
        }
    }
}
