/// Typed access to arguments for bindings: native objects, shapes and lists of numbers.
extension Arguments {
    /// The receiver as a native object of type `T` (`t.reshape(...)` on a Tensor).
    public func receiver<T: ScriptObject>(as type: T.Type) throws -> T {
        if case .object(let o) = receiver, let t = o as? T { return t }
        throw ScriptError("\(builtin.name)(): expected a \(String(describing: T.self)) receiver, not \(receiver.typeName)")
    }

    /// The i-th value as a native object of type `T`.
    public func object<T: ScriptObject>(_ i: Int, as type: T.Type) throws -> T {
        if case .object(let o) = self[i], let t = o as? T { return t }
        let name = i < builtin.parameters.count ? builtin.parameters[i].name : "\(i)"
        throw ScriptError("\(builtin.name)(): argument '\(name)' must be a \(String(describing: T.self)), not \(self[i].typeName)")
    }

    /// The i-th value as a String, nil when it is `nil`.
    public func optionalString(_ i: Int) throws -> String? { if case .null = self[i] { return nil }; return try string(i) }

    /// The i-th value as a Double, nil when it is `nil`.
    public func optionalDouble(_ i: Int) throws -> Double? { if case .null = self[i] { return nil }; return try double(i) }

    /// The i-th value as a list of Ints (a shape `[192, 256]`); a single Int becomes `[n]`.
    public func ints(_ i: Int) throws -> [Int] {
        if case .int(let n) = self[i] { return [n] }
        guard case .list(let l) = self[i] else { throw typeFailure(i, "a list of Ints") }
        return try l.items.map { v in
            guard case .int(let n) = v else { throw typeFailure(i, "a list of Ints") }
            return n
        }
    }

    /// The i-th value as a list of numbers; a single number becomes `[x]`.
    public func doubles(_ i: Int) throws -> [Double] {
        if let d = self[i].asDouble { return [d] }
        guard case .list(let l) = self[i] else { throw typeFailure(i, "a list of numbers") }
        return try l.items.map { v in
            guard let d = v.asDouble else { throw typeFailure(i, "a list of numbers") }
            return d
        }
    }

    private func typeFailure(_ i: Int, _ expected: String) -> ScriptError {
        let name = i < builtin.parameters.count ? builtin.parameters[i].name : "\(i)"
        return ScriptError("\(builtin.name)(): argument '\(name)' must be \(expected), not \(self[i].typeName)")
    }
}
