/// One `-p NAME=VALUE` override; the value stays text here and the notebook runner reads it as a
/// Seg literal (or a string when it is not one).
struct ParamAssignment: Equatable {
    let name: String
    let value: String

    /// Parses `NAME=VALUE`; the error text names the bad argument.
    static func parse(_ text: String) -> Result<ParamAssignment, CommandFailure> {
        guard let equals = text.firstIndex(of: "=") else {
            return .failure(.usage("-p expects NAME=VALUE, got '\(text)'"))
        }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard let first = name.first, !first.isNumber, name.allSatisfy(isIdentifierCharacter) else {
            return .failure(.usage("-p '\(text)': '\(name)' is not a parameter name"))
        }
        return .success(ParamAssignment(name: name, value: value))
    }
}
