/// Numbers as the reviewer reads them: "12,345", "5.2 MB".
enum Numbers {
    /// Thousands grouped with commas (FoundationEssentials has no number formatter).
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A size in bytes, kB or MB with one decimal.
    static func bytes(_ count: Int) -> String {
        if count < 1000 { return "\(count) bytes" }
        let (unit, divisor) = count < 1_000_000 ? ("kB", 1000) : ("MB", 1_000_000)
        let tenths = (count * 10 + divisor / 2) / divisor
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
