import Foundation
import OCOPCore

/// Each listing's latest check within its marketplace's interval: what `adapter_degraded` judges
/// while the daemon runs.
///
/// A `sync --once` pass judges a marketplace on every listing's check. A daemon batch holds a
/// minute of checks, a few per marketplace on a provincial catalog (the rule wants ten), and a
/// batch without a marketplace's checks, as while its breaker is open, would resolve its alert
/// with the adapter still broken. Over the interval in which every listing is checked once, the
/// daemon sees what a pass sees. A pure value: the session feeds it observations and asks for
/// the counts when it publishes.
struct RecentChecks: Sendable {
    private struct Check: Sendable {
        var marketplace: MarketplaceID
        var status: ListingStatus
        var checkedAt: Date
    }

    private var latest: [ListingKey: Check] = [:]

    /// Keeps each observation as its listing's latest check, unless a later one is known.
    mutating func record(_ observations: [Observation]) {
        for observation in observations {
            if let known = latest[observation.listing], known.checkedAt > observation.checkedAt { continue }
            latest[observation.listing] = Check(
                marketplace: observation.marketplace,
                status: observation.status,
                checkedAt: observation.checkedAt
            )
        }
    }

    /// The statuses of the latest checks per marketplace, counting only checks younger than
    /// their marketplace's `window`; older ones are forgotten.
    mutating func counts(at now: Date, window: (MarketplaceID) -> TimeInterval) -> [MarketplaceID: [ListingStatus: Int]] {
        var windows: [MarketplaceID: TimeInterval] = [:]
        latest = latest.filter { _, check in
            let span = windows[check.marketplace] ?? window(check.marketplace)
            windows[check.marketplace] = span
            return now.timeIntervalSince(check.checkedAt) <= span
        }
        var counts: [MarketplaceID: [ListingStatus: Int]] = [:]
        for check in latest.values {
            counts[check.marketplace, default: [:]][check.status, default: 0] += 1
        }
        return counts
    }
}
