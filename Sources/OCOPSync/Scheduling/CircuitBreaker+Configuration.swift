import Foundation
import OCOPCore

extension CircuitBreaker {
    /// When a marketplace is considered to be blocking us and how long to stay away.
    ///
    /// Not persisted with the breaker (it comes from the config file).
    public struct Configuration: Sendable, Hashable {
        /// How many recent checks are looked at.
        public var window: Int
        /// The share of tripping answers among them that opens the breaker.
        public var threshold: Double
        /// No decision on fewer checks than this.
        public var minimumSamples: Int
        /// The statuses that count against the marketplace: answers that say "go away".
        public var trippingStatuses: Set<ListingStatus>
        /// How long the breaker stays open: the base after the first opening, doubling with
        /// each failed probe up to the cap.
        public var cooldown: Backoff
        /// A probe whose answer has not come back after this long is given up, and another may go.
        public var probeTimeout: TimeInterval

        public init(
            window: Int = 20,
            threshold: Double = 0.6,
            minimumSamples: Int = 10,
            trippingStatuses: Set<ListingStatus> = [.blocked],
            cooldown: Backoff = Backoff(base: 15 * 60, cap: 6 * 3600),
            probeTimeout: TimeInterval = 10 * 60
        ) {
            self.window = max(1, window)
            self.threshold = threshold
            self.minimumSamples = max(1, min(minimumSamples, self.window))
            self.trippingStatuses = trippingStatuses
            self.cooldown = cooldown
            self.probeTimeout = probeTimeout
        }
    }
}
