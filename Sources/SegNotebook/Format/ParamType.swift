/// A param's type: the type of its default value (`-p` overrides must have it).
indirect enum ParamType: Equatable, CustomStringConvertible {
    case int, float, string, bool
    /// A list whose items have a type (nil: the default was empty or mixed, so any items).
    case list(ParamType?)
    /// A default of `nil` says nothing about the type.
    case any

    /// The type of a default value.
    init(of value: ParamValue) {
        switch value {
        case .int: self = .int
        case .float: self = .float
        case .string: self = .string
        case .bool: self = .bool
        case .nil: self = .any
        case .list(let items): self = .list(Self.common(items.map(ParamType.init(of:))))
        }
    }

    /// One type for all items: equal types, Int and Float as Float, lists by their items; nil if none.
    private static func common(_ types: [ParamType]) -> ParamType? {
        guard var result = types.first else { return nil }
        for type in types.dropFirst() {
            switch (result, type) {
            case _ where result == type: continue
            case (.int, .float), (.float, .int): result = .float
            case (.list(let a?), .list(let b?)): result = .list(common([a, b]))
            case (.list, .list): result = .list(nil)
            default: return nil
            }
        }
        return result
    }

    var description: String {
        switch self {
        case .int: return "an Int"
        case .float: return "a Float"
        case .string: return "a String"
        case .bool: return "a Bool"
        case .list(let item): return item.map { "a List of \($0.plural)" } ?? "a List"
        case .any: return "any value"
        }
    }

    /// The type in the plural, for the items of a list ("Ints").
    var plural: String {
        switch self {
        case .int: return "Ints"
        case .float: return "Floats"
        case .string: return "Strings"
        case .bool: return "Bools"
        case .list(let item): return item.map { "Lists of \($0.plural)" } ?? "Lists"
        case .any: return "values"
        }
    }

    /// The override as a value of this type (an Int where a Float is expected becomes a Float, a
    /// String param takes the text as written), or nil when it does not have the type.
    func accept(_ value: ParamValue, text: String) -> ParamValue? {
        switch (self, value) {
        case (.any, _): return value
        case (.string, .string): return value
        case (.string, _): return .string(text)
        default: return conform(value)
        }
    }

    private func conform(_ value: ParamValue) -> ParamValue? {
        switch (self, value) {
        case (.any, _), (.int, .int), (.float, .float), (.string, .string), (.bool, .bool): return value
        case (.float, .int(let number)): return .float(Double(number))
        case (.list(let item), .list(let items)):
            guard let item else { return value }
            var converted: [ParamValue] = []
            for element in items {
                guard let accepted = item.conform(element) else { return nil }
                converted.append(accepted)
            }
            return .list(converted)
        default: return nil
        }
    }
}

extension ParamValue {
    /// How a user would name this value's type in an error.
    var typeDescription: String {
        switch self {
        case .int: return "an Int"
        case .float: return "a Float"
        case .string: return "a String"
        case .bool: return "a Bool"
        case .list: return "a List"
        case .nil: return "nil"
        }
    }
}
