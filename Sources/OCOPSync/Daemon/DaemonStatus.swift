import Foundation
import OCOPCore

/// The one-line `STATUS=` shown by `systemctl status ocop-watch`: coverage, how much work waits,
/// which marketplaces are paused, and the last error, e.g.
/// `coverage 71.3% (414/581 products); 37 listings due, 5 in flight; paused: shopee until 10:42; last error: none`.
struct DaemonStatus: Sendable, Hashable {
    /// Share of counted products covered, and their numbers; `nil` before any coverage is known.
    var coveredPercent: Double?
    var coveredProducts = 0
    var countedProducts = 0
    var due = 0
    var inFlight = 0
    /// Marketplaces whose breaker is open, with the time it allows a probe (`nil` when half-open).
    var paused: [MarketplaceID: Date?] = [:]
    var lastError: String?
    var stopping = false

    /// The line itself: one line, at most a few hundred characters, times in local time.
    func line(timeZone: TimeZone = .current) -> String {
        var parts: [String] = []
        if stopping { parts.append("stopping") }
        if let coveredPercent {
            parts.append("coverage \(coveredPercent.percentText)% (\(coveredProducts)/\(countedProducts) products)")
        } else {
            parts.append("coverage not computed yet")
        }
        parts.append("\(due) listings due, \(inFlight) in flight")
        if !paused.isEmpty {
            let formatter = DateFormatter()
            formatter.dateFormat = "HH:mm:ss"
            formatter.timeZone = timeZone
            let items = paused.sorted { $0.key < $1.key }.map { marketplace, until in
                until.map { "\(marketplace) until \(formatter.string(from: $0))" } ?? "\(marketplace) probing"
            }
            parts.append("paused (blocked): " + items.joined(separator: ", "))
        }
        let error = lastError.map { String($0.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(160)) }
        parts.append("last error: \(error ?? "none")")
        return parts.joined(separator: "; ")
    }
}
