/// A Seg value. Numbers and booleans are stored inline (no boxing); lists, dicts, functions and
/// native objects are shared references.
public enum Value {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list(ListBox)
    case dict(DictBox)
    case range(RangeBox)
    /// A function written in Seg (a closure).
    case function(Closure)
    /// A built-in function, possibly bound to a receiver (a method).
    case builtin(BuiltinFunction)
    /// An object of a built-in module (tensor, layer, dataset, error, ...).
    case object(ScriptObject)

    /// The `type(x)` name.
    public var typeName: String {
        switch self {
        case .null: return "Nil"
        case .bool: return "Bool"
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .list: return "List"
        case .dict: return "Dict"
        case .range: return "Range"
        case .function, .builtin: return "Function"
        case .object(let o): return o.typeName
        }
    }

    /// Only `false` and `nil` are false.
    @inline(__always) public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        default: return true
        }
    }

    /// The truth of a condition (`if`, `while`, `and`, `or`, `not`, `assert`): `isTruthy`, except
    /// that a native object may decide or refuse (a tensor of more than one element is ambiguous).
    @inline(__always) public func condition() throws -> Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .object(let o): return try o.truthValue() ?? true
        default: return true
        }
    }

    /// Makes a list value.
    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    /// Makes a dict value from ordered pairs.
    public static func dict(_ pairs: [(String, Value)]) -> Value { .dict(DictBox(pairs)) }

    /// The Int, or nil.
    public var asInt: Int? { if case .int(let v) = self { return v }; return nil }
    /// The number as a Double (Ints convert), or nil.
    public var asDouble: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .float(let v): return v
        default: return nil
        }
    }
    /// The String, or nil.
    public var asString: String? { if case .string(let s) = self { return s }; return nil }
    /// The Bool, or nil.
    public var asBool: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The list's items, or nil.
    public var asList: [Value]? { if case .list(let l) = self { return l.items }; return nil }
    /// The native object, or nil.
    public var asObject: ScriptObject? { if case .object(let o) = self { return o }; return nil }
}

/// A source of fresh version numbers shared by every mutable value, so that a value replaced by
/// another one never shows the same version.
enum VersionClock {
    nonisolated(unsafe) static var counter = 0
    @inline(__always) static func next() -> Int {
        counter &+= 1
        return counter
    }
}

/// A mutable list shared by reference; `version` changes on every mutation.
public final class ListBox {
    /// The elements. Mutate through `mutate` (or call `touch()`) so the version changes.
    public private(set) var items: [Value]
    /// Changes whenever the list is mutated.
    public private(set) var version: Int

    /// Wraps `items`.
    public init(_ items: [Value]) {
        self.items = items
        self.version = VersionClock.next()
    }

    // Swift frees nested instances recursively: a 100,000-deep chain would overflow the stack.
    deinit { Value.dismantle(&items) }

    /// Mutates the elements and bumps the version.
    @inline(__always) public func mutate<R>(_ body: (inout [Value]) throws -> R) rethrows -> R {
        version = VersionClock.next()
        return try body(&items)
    }
}

/// A mutable dict with String keys in insertion order; `version` changes on every mutation.
public final class DictBox {
    /// Keys in insertion order.
    public private(set) var keys: [String] = []
    /// Values, parallel to `keys`.
    public private(set) var values: [Value] = []
    private var index: [String: Int] = [:]
    /// Changes whenever the dict is mutated.
    public private(set) var version: Int

    /// Builds a dict from ordered pairs (a later duplicate key wins, keeping the first position).
    public init(_ pairs: [(String, Value)] = []) {
        version = VersionClock.next()
        for (k, v) in pairs { set(k, v) }
    }

    deinit { Value.dismantle(&values) }

    /// Number of entries.
    public var count: Int { keys.count }

    /// The value for `key`.
    public subscript(key: String) -> Value? {
        guard let i = index[key] else { return nil }
        return values[i]
    }

    /// Inserts or replaces.
    public func set(_ key: String, _ value: Value) {
        version = VersionClock.next()
        if let i = index[key] { values[i] = value } else {
            index[key] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// Removes `key`, returning its value.
    @discardableResult public func remove(_ key: String) -> Value? {
        guard let i = index[key] else { return nil }
        version = VersionClock.next()
        let v = values.remove(at: i)
        keys.remove(at: i)
        index = [:]
        for (j, k) in keys.enumerated() { index[k] = j }
        return v
    }

    /// Ordered (key, value) pairs.
    public var pairs: [(String, Value)] { Array(zip(keys, values)) }
}

/// An immutable integer range with a step: `a..<b`, `a...b`, `.step(k)`.
public final class RangeBox {
    /// First value.
    public let start: Int
    /// The bound as written.
    public let end: Int
    /// Whether `end` is included.
    public let inclusive: Bool
    /// Step, never 0.
    public let step: Int

    /// Makes a range.
    public init(start: Int, end: Int, inclusive: Bool, step: Int = 1) {
        self.start = start
        self.end = end
        self.inclusive = inclusive
        self.step = step
    }

    /// Number of values.
    public var count: Int {
        // Unsigned differences: ranges spanning most of Int never overflow.
        if step > 0 {
            if inclusive ? end < start : end <= start { return 0 }
            let last = inclusive ? end : end - 1
            let n = UInt(bitPattern: last &- start) / UInt(step)
            return n >= UInt(Int.max) ? Int.max : Int(n) + 1
        } else {
            if inclusive ? end > start : end >= start { return 0 }
            let last = inclusive ? end : end + 1
            let n = UInt(bitPattern: start &- last) / step.magnitude
            return n >= UInt(Int.max) ? Int.max : Int(n) + 1
        }
    }

    /// The i-th value (0-based, unchecked).
    public func element(_ i: Int) -> Int { start &+ i &* step }

    /// The printed form, `0..<10` or `(0..<10).step(2)`.
    public var description: String {
        let base = "\(start)\(inclusive ? "..." : "..<")\(end)"
        return step == 1 ? base : "(\(base)).step(\(step))"
    }
}

extension Value {
    /// Releases `items` without recursion: the contents of every list and dict that only `items`
    /// keeps alive are moved onto an explicit stack before the container itself is freed, so
    /// freeing a chain nested 100,000 deep takes constant native stack.
    static func dismantle(_ items: inout [Value]) {
        guard items.contains(where: { $0.isContainer }) else { return }
        var pending: [Value] = []
        swap(&pending, &items)
        while var value = pending.popLast() { value.moveUniqueContents(into: &pending) }
    }

    private var isContainer: Bool {
        switch self {
        case .list, .dict: return true
        default: return false
        }
    }

    /// Empties a list or dict that nothing else references into `pending` (and sets self to nil).
    /// The box is moved into an Optional before the check: a pattern binding's copy of the enum
    /// (kept alive in unoptimised builds) would make every box look shared.
    private mutating func moveUniqueContents(into pending: inout [Value]) {
        var list: ListBox?, dict: DictBox?
        switch self {
        case .list(let box): list = box
        case .dict(let box): dict = box
        default: return
        }
        self = .null
        if isKnownUniquelyReferenced(&list), let box = list { box.surrenderItems(into: &pending) }
        if isKnownUniquelyReferenced(&dict), let box = dict { box.surrenderValues(into: &pending) }
    }
}

extension ListBox {
    fileprivate func surrenderItems(into pending: inout [Value]) {
        pending.append(contentsOf: items)
        items = []
    }
}

extension DictBox {
    fileprivate func surrenderValues(into pending: inout [Value]) {
        pending.append(contentsOf: values)
        values = []
        keys = []
        index = [:]
    }
}
