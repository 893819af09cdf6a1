import Foundation

/// `round(i, digits)` on an Int, as Python's: non-negative digits leave it alone, negative ones
/// round half to even to tens, hundreds, ... (`round(1234, -2)` is 1200).
func roundInteger(_ value: Int, digits: Int) throws -> Int {
    guard digits < 0 else { return value }
    // 10^19 exceeds every Int's magnitude twice over, so the result is 0.
    guard digits > -19 else { return 0 }
    var power = 1
    for _ in 0..<(-digits) { power *= 10 }
    var quotient = value / power
    let twiceRemainder = (value % power).magnitude * 2
    if twiceRemainder > UInt(power) || (twiceRemainder == UInt(power) && quotient % 2 != 0) {
        quotient += value < 0 ? -1 : 1
    }
    let (result, overflow) = quotient.multipliedReportingOverflow(by: power)
    if overflow { throw ScriptError("round(): \(value) rounded to \(digits) digits does not fit in an Int") }
    return result
}

/// `round(x, digits)` on a Float, as Python's: the decimal nearest to x's exact value (half to
/// even). Beyond 323 decimals every Float is already exact, and rounding to more than 308 digits
/// left of the point gives zero, so huge `digits` neither overflow nor give nan.
func roundDecimal(_ value: Double, digits: Int) throws -> Double {
    guard value.isFinite, digits <= 323 else { return value }
    guard digits >= -308 else { return value.sign == .minus ? -0.0 : 0.0 }
    if digits >= 0 {
        // printf rounds the exact binary value correctly; reading it back gives the nearest Float.
        return Double(String(format: "%.*f", Int32(digits), value)) ?? value
    }
    let power = Foundation.pow(10.0, Double(-digits))
    let result = (value / power).rounded(.toNearestOrEven) * power
    guard result.isFinite else { throw ScriptError("round(): \(formatFloat(value)) rounded to \(digits) digits is too large for a Float") }
    return result
}
