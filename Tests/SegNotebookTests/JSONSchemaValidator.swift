import Foundation

/// The part of JSON Schema (draft 4) that Jupyter's notebook schema uses: `type`, `properties`,
/// `required`, `additionalProperties`, `patternProperties`, `items`, `enum`, `not`, `oneOf`,
/// `anyOf`, `allOf`, `$ref` into `#/definitions`, `pattern`, string lengths, number bounds,
/// array lengths and `uniqueItems`. An unknown keyword fails the check rather than passing it.
struct JSONSchemaValidator {
    let root: [String: Any]
    private static let known: Set<String> = [
        "$schema", "description", "definitions", "type", "properties", "required", "additionalProperties",
        "patternProperties", "items", "enum", "not", "oneOf", "anyOf", "allOf", "$ref", "pattern", "minLength",
        "maxLength", "minimum", "maximum", "minItems", "maxItems", "uniqueItems", "default", "title",
    ]

    init(schema data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SchemaError(problems: ["the schema is not a JSON object"])
        }
        self.root = root
    }

    struct SchemaError: Error, CustomStringConvertible {
        var problems: [String]
        var description: String { problems.joined(separator: "\n") }
    }

    /// Every place where `document` breaks the schema (empty when it is valid).
    func problems(in document: Any) -> [String] {
        var found: [String] = []
        check(document, against: root, at: "$", into: &found)
        return found
    }

    private func resolve(_ reference: String) -> [String: Any]? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    private func check(_ value: Any, against schema: [String: Any], at path: String, into found: inout [String]) {
        for keyword in schema.keys where !Self.known.contains(keyword) {
            found.append("\(path): the validator does not know the schema keyword '\(keyword)'")
        }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return found.append("\(path): unresolvable $ref \(reference)") }
            check(value, against: target, at: path, into: &found)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if !types.contains(where: { Self.value(value, hasType: $0) }) {
                found.append("\(path): expected \(types.joined(separator: " or ")), got \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            found.append("\(path): \(Self.describe(value)) is not one of \(options)")
        }
        if let negated = schema["not"] as? [String: Any] {
            var inner: [String] = []
            check(value, against: negated, at: path, into: &inner)
            if inner.isEmpty { found.append("\(path): matches a schema it must not match") }
        }
        for keyword in ["oneOf", "anyOf", "allOf"] {
            guard let branches = schema[keyword] as? [[String: Any]] else { continue }
            let results = branches.map { branch -> [String] in
                var inner: [String] = []
                check(value, against: branch, at: path, into: &inner)
                return inner
            }
            let matches = results.filter(\.isEmpty).count
            switch keyword {
            case "oneOf" where matches != 1:
                found.append("\(path): matches \(matches) of the oneOf branches, not exactly one; "
                             + results.enumerated().map { "branch \($0.offset): \($0.element.first ?? "ok")" }.joined(separator: "; "))
            case "anyOf" where matches == 0:
                found.append("\(path): matches none of the anyOf branches")
            case "allOf" where matches != branches.count:
                found += results.flatMap { $0 }
            default: break
            }
        }
        if let text = value as? String {
            if let minimum = schema["minLength"] as? Int, text.count < minimum { found.append("\(path): shorter than \(minimum)") }
            if let maximum = schema["maxLength"] as? Int, text.count > maximum { found.append("\(path): longer than \(maximum)") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
        }
        if let number = value as? NSNumber, !Self.isBool(value) {
            if let minimum = schema["minimum"] as? NSNumber, number.doubleValue < minimum.doubleValue { found.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? NSNumber, number.doubleValue > maximum.doubleValue { found.append("\(path): above \(maximum)") }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum { found.append("\(path): fewer than \(minimum) items") }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum { found.append("\(path): more than \(maximum) items") }
            if schema["uniqueItems"] as? Bool == true {
                for i in array.indices { for j in array.indices where j > i && Self.equal(array[i], array[j]) { found.append("\(path): items \(i) and \(j) are equal") } }
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(index)]", into: &found) }
            } else if let items = schema["items"] as? [[String: Any]] {
                for (index, item) in array.enumerated() where index < items.count { check(item, against: items[index], at: "\(path)[\(index)]", into: &found) }
            }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): missing required '\(key)'") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let patterns = schema["patternProperties"] as? [String: Any] ?? [:]
            for (key, item) in object {
                var covered = false
                if let property = properties[key] as? [String: Any] {
                    covered = true
                    check(item, against: property, at: "\(path).\(key)", into: &found)
                }
                for (pattern, property) in patterns where key.range(of: pattern, options: .regularExpression) != nil {
                    covered = true
                    if let property = property as? [String: Any] { check(item, against: property, at: "\(path).\(key)", into: &found) }
                }
                if !covered {
                    if schema["additionalProperties"] as? Bool == false {
                        found.append("\(path): property '\(key)' is not allowed")
                    } else if let additional = schema["additionalProperties"] as? [String: Any] {
                        check(item, against: additional, at: "\(path).\(key)", into: &found)
                    }
                }
            }
        }
    }

    private static func isBool(_ value: Any) -> Bool {
        // JSONSerialization gives booleans as NSNumbers of type `c`; 0 and 1 also cast to Bool, so ask the type.
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func value(_ value: Any, hasType type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer":
            guard let number = value as? NSNumber, !isBool(value) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !isBool(value)
        default: return false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        (a as? NSObject)?.isEqual(b) ?? false
    }

    private static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "\"\(text.prefix(40))\"" }
        if isBool(value) { return "a boolean" }
        if value is NSNumber { return "\(value)" }
        if value is [Any] { return "an array" }
        return "an object"
    }
}
