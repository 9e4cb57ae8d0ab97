public import Foundation

/// Parsers for the scalar notations the config file accepts, kept apart so they are testable.
public enum ConfigValue {
    /// `250ms`, `30s`, `5m`, `6h`, `7d`, or a bare number of seconds.
    public static func duration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number), value >= 0, (value * scale).isFinite { return value * scale }
        }
        if let value = Double(trimmed), value >= 0, value.isFinite { return value }
        return nil
    }

    /// `512KiB`, `8MiB`, `1GiB`, `1000kB`, or a bare number of bytes.
    public static func byteCount(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("kB", 1000), ("KB", 1000), ("MB", 1_000_000),
            ("GB", 1_000_000_000), ("B", 1),
        ]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Int(number), value >= 0 {
                // Out of range, not a trap: `99999999999GiB` is a typo to report.
                let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
                return overflow ? nil : bytes
            }
        }
        if let value = Int(trimmed), value >= 0 { return value }
        return nil
    }

    /// A civil date `YYYY-MM-DD`, taken as midnight in Vietnam (UTC+7), where the programme runs.
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        return date
    }
}
