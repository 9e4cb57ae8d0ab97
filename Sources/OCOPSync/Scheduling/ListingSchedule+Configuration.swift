import Foundation
import OCOPCore

extension ListingSchedule {
    /// How often listings are checked and how failures and confirmations move them.
    ///
    /// Not persisted with the schedule: it comes from the config file, so after decoding a saved
    /// schedule assign the current configuration (``ListingSchedule/configuration``).
    public struct Configuration: Sendable, Hashable {
        /// The regular interval between two checks of a listing, per marketplace.
        public var intervals: [MarketplaceID: TimeInterval]
        /// The interval of marketplaces absent from ``intervals``.
        public var defaultInterval: TimeInterval
        /// The first retry after a failed check (`blocked`, `unreachable`, `unparseable`).
        public var retryBase: TimeInterval
        /// Retries back off up to this multiple of the marketplace's interval.
        public var retryCapMultiple: Double
        /// The largest share of a retry delay removed by jitter.
        public var retryJitter: Double
        /// How soon a listing is re-checked once its product lost coverage.
        public var confirmationDelay: TimeInterval
        /// How long a listing handed out by ``ListingSchedule/due(at:limit:allowance:)`` waits for
        /// its result before it is handed out again (the check was lost, e.g. in a crash).
        public var inFlightTimeout: TimeInterval
        /// The share of the interval over which new listings get their first check; lower it to
        /// get a first complete picture sooner at the price of a burst of requests. Their phase
        /// (``ListingSchedule/Entry/anchor``) is spread over the whole interval regardless.
        public var initialSpread: Double
        /// When set, new listings get their first check within this time at most (and within
        /// ``initialSpread`` × interval): a bound in seconds, the same for every marketplace.
        public var firstCheckWindow: TimeInterval?

        public init(
            intervals: [MarketplaceID: TimeInterval] = [:],
            defaultInterval: TimeInterval = 6 * 3600,
            retryBase: TimeInterval = 5 * 60,
            retryCapMultiple: Double = 4,
            retryJitter: Double = 0.2,
            confirmationDelay: TimeInterval = 15 * 60,
            inFlightTimeout: TimeInterval = 15 * 60,
            initialSpread: Double = 1,
            firstCheckWindow: TimeInterval? = nil
        ) {
            self.intervals = intervals
            self.defaultInterval = defaultInterval
            self.retryBase = retryBase
            self.retryCapMultiple = retryCapMultiple
            self.retryJitter = retryJitter
            self.confirmationDelay = confirmationDelay
            self.inFlightTimeout = inFlightTimeout
            self.initialSpread = min(max(initialSpread, 0), 1)
            self.firstCheckWindow = firstCheckWindow.map { max(0, $0) }
        }

        /// The regular interval of `marketplace` (at least one second).
        public func interval(for marketplace: MarketplaceID) -> TimeInterval {
            max(1, intervals[marketplace] ?? defaultInterval)
        }

        /// The retry backoff of `marketplace`: ``retryBase`` doubling up to ``retryCapMultiple`` × interval.
        public func retryBackoff(for marketplace: MarketplaceID) -> Backoff {
            Backoff(
                base: retryBase,
                cap: interval(for: marketplace) * retryCapMultiple,
                jitter: retryJitter
            )
        }
    }
}
