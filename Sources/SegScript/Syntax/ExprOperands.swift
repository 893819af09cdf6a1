extension IndexItem {
    /// The expressions inside a subscript item, left to right.
    var operands: [Expr] {
        switch self {
        case .value(let x): return [x]
        case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
        case .ellipsis: return []
        }
    }
}

extension Expr {
    /// The direct subexpressions of a plain expression, in evaluation order: what a walker visits
    /// for every kind that introduces no name, scope or block. Names, function literals, `if`,
    /// blocks and `try` return nothing here; each walker handles those itself.
    var operands: [Expr] {
        switch kind {
        case .literal, .invalid, .name, .function, .ifElse, .block, .tryCatch: return []
        case .interpolation(let parts):
            return parts.compactMap { if case .expr(let x) = $0 { return x } else { return nil } }
        case .list(let items): return items
        case .dict(let entries): return entries.map { $0.1 }
        case .negate(let x), .invert(let x), .not(let x): return [x]
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b, _), .pipe(let a, let b),
             .appendItem(let a, let b):
            return [a, b]
        case .call(let callee, let args): return [callee] + args.map(\.value)
        case .index(let base, let items): return [base] + items.flatMap(\.operands)
        case .member(let base, _): return [base]
        }
    }
}
