public import Foundation
public import OCOPCore

/// Everything `/metrics` shows, gathered by the daemon at scrape time and rendered by
/// ``PrometheusText``. Counters here are totals since the process started, as Prometheus
/// expects; gauges are current values.
public struct MetricsSnapshot: Sendable {
    /// A marketplace's circuit breaker, which stops checks while the marketplace refuses us.
    public enum BreakerState: String, Sendable, Hashable, Codable, CaseIterable {
        case closed
        case halfOpen = "half_open"
        case open
    }

    /// The latest coverage, or `nil` before the first pass.
    public var coverage: CoverageReport?
    /// Checks since start, by marketplace and resulting status.
    public var checks: [MarketplaceID: [ListingStatus: Int]]
    /// Fetch latency since start, by marketplace.
    public var fetchLatency: [MarketplaceID: LatencyHistogram]
    public var breakers: [MarketplaceID: BreakerState]
    /// Alerts currently firing, by kind.
    public var alertsFiring: [AlertKind: Int]
    public var lastPassStarted: Date?
    public var lastPassCompleted: Date?
    /// How long the last completed pass took.
    public var lastPassDuration: TimeInterval?

    public init(
        coverage: CoverageReport? = nil,
        checks: [MarketplaceID: [ListingStatus: Int]] = [:],
        fetchLatency: [MarketplaceID: LatencyHistogram] = [:],
        breakers: [MarketplaceID: BreakerState] = [:],
        alertsFiring: [AlertKind: Int] = [:],
        lastPassStarted: Date? = nil,
        lastPassCompleted: Date? = nil,
        lastPassDuration: TimeInterval? = nil
    ) {
        self.coverage = coverage
        self.checks = checks
        self.fetchLatency = fetchLatency
        self.breakers = breakers
        self.alertsFiring = alertsFiring
        self.lastPassStarted = lastPassStarted
        self.lastPassCompleted = lastPassCompleted
        self.lastPassDuration = lastPassDuration
    }
}
