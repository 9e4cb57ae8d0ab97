import Foundation
import OCOPCore

/// Number and time formatting shared by the renderers, independent of the process locale so
/// that the same input always gives the same bytes.
enum ReportFormat {
    /// One decimal, `77.5`, or `77,5` with a decimal comma (Vietnamese); cut, not rounded
    /// (`Double.truncated(decimals:)`), so 99.95 % shows as `99.9`, never as the target.
    static func percent(_ value: Double, comma: Bool = false) -> String {
        let text = value.percentText
        return comma ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// ``percent(_:comma:)`` remembered per value: a breakdown of 16,667 producers has a handful
    /// of distinct percentages, and each formatting goes through Foundation's `String(format:)`.
    struct Percents {
        private var texts: [Double: String] = [:]

        mutating func text(_ value: Double) -> String {
            if let known = texts[value] { return known }
            let text = ReportFormat.percent(value)
            texts[value] = text
            return text
        }
    }

    /// A target such as `100`, `95.5` or `99.95`, as configured: no decimals when whole, at most two.
    static func target(_ value: Double, comma: Bool = false) -> String {
        guard value != value.rounded() || abs(value) >= 1e15 else { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return comma ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A percentage for machine output (JSON, snapshots): two decimals, cut like ``percent(_:comma:)``.
    static func twoDecimals(_ value: Double) -> Double {
        value.truncated(decimals: 2)
    }

    /// `2025-06-01T07:00:00+07:00`: ISO 8601 in the given zone.
    static func timestamp(_ date: Date, in zone: TimeZone) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone))
    }

    /// `2025-06-01 07:00`: for people, in the given zone.
    static func minute(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(date, in: zone)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year, parts.month, parts.day, parts.hour, parts.minute)
    }

    /// `01/06/2025`: the Vietnamese day/month/year order.
    static func vietnameseDay(_ date: Date, in zone: TimeZone) -> String {
        let parts = components(date, in: zone)
        return String(format: "%02d/%02d/%04d", parts.day, parts.month, parts.year)
    }

    private static func components(
        _ date: Date,
        in zone: TimeZone
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
