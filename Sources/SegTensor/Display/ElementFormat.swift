import Foundation

/// How the elements of one printed tensor are spelled, chosen from all displayed values as
/// NumPy does (floatmode "maxprec", precision 8): integers-valued floats as `1.`, positional
/// notation padded to common widths, or scientific notation when magnitudes are extreme.
struct ElementFormat {
    private enum Mode { case integer(width: Int), bool(width: Int), positional(left: Int, right: Int), scientific(digits: Int, width: Int) }
    private let mode: Mode

    init(dtype: DType, values: [Double]) {
        switch dtype {
        case .bool:
            mode = .bool(width: values.contains(0) ? 5 : 4)
        case .int32:
            mode = .integer(width: values.map { String(Int($0)).count }.max() ?? 1)
        case .float32:
            let finite = values.filter { $0.isFinite }
            let magnitudes = finite.map { Swift.abs($0) }.filter { $0 != 0 }
            let special = values.filter { !$0.isFinite }.map { ElementFormat.special($0).count }.max() ?? 0
            if let largest = magnitudes.max(), let smallest = magnitudes.min(),
               largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3 {
                let digits = finite.map { ElementFormat.scientificDigits(Float($0)) }.max() ?? 0
                let width = finite.map { ElementFormat.scientific($0, digits).count }.max() ?? 0
                mode = .scientific(digits: digits, width: Swift.max(width, special))
            } else {
                var left = 0, right = 0
                for value in finite {
                    let text = ElementFormat.positional(Float(value))
                    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                    left = Swift.max(left, parts[0].count)
                    right = Swift.max(right, parts.count > 1 ? parts[1].count : 0)
                }
                left = Swift.max(left, special - right - 1)
                mode = .positional(left: left, right: right)
            }
        }
    }

    /// One element, padded to the common width.
    func format(_ value: Double) -> String {
        switch mode {
        case .bool(let width): return ElementFormat.pad(value != 0 ? "true" : "false", width)
        case .integer(let width): return ElementFormat.pad(String(Int(value)), width)
        case .scientific(let digits, let width):
            return ElementFormat.pad(value.isFinite ? ElementFormat.scientific(value, digits) : ElementFormat.special(value), width)
        case .positional(let left, let right):
            guard value.isFinite else { return ElementFormat.pad(ElementFormat.special(value), left + 1 + right) }
            let text = ElementFormat.positional(Float(value))
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            return ElementFormat.pad(String(parts[0]), left) + "." + fraction + String(repeating: " ", count: right - fraction.count)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func special(_ value: Double) -> String {
        value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")
    }

    /// The shortest positional spelling (at most 8 fraction digits) that reads back as `value`;
    /// an integral value keeps its point, as `1.`.
    static func positional(_ value: Float) -> String {
        for digits in 0...8 {
            let text = String(format: "%.\(digits)f", Double(value))
            if Float(text) == value { return digits == 0 ? text + "." : text }
        }
        return String(format: "%.8f", Double(value))
    }

    /// Fraction digits of the shortest scientific spelling that reads back as `value` (<= 8).
    static func scientificDigits(_ value: Float) -> Int {
        for digits in 0...8 where Float(String(format: "%.\(digits)e", Double(value))) == value { return digits }
        return 8
    }

    /// Scientific notation with `digits` fraction digits; no fraction still keeps the point (`1.e-05`).
    static func scientific(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits)e", value)
        guard digits == 0, let e = text.firstIndex(of: "e") else { return text }
        return text[..<e] + "." + text[e...]
    }
}
