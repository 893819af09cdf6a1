/// Human-readable sizes and durations for the REPL's listings.
enum HumanReadable {
    /// `512 B`, `1.5 KB`, `12.0 MB` (powers of 1024).
    static func bytes(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        for unit in ["KB", "MB", "GB"] {
            if value < 1024 || unit == "GB" { return formatOne(value) + " " + unit }
            value /= 1024
        }
        return "\(bytes) B"
    }

    /// `850 ms`, `2.31 s`.
    static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 1000).rounded())) ms" : formatOne(value, digits: 2) + " s"
    }

    private static func formatOne(_ value: Double, digits: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}
