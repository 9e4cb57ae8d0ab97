import Foundation
import OCOPCore

extension ListingSchedule {
    /// What the schedule knows about one listing.
    public struct Entry: Sendable, Hashable, Codable {
        public var key: ListingKey
        public var marketplace: MarketplaceID
        /// The listing's phase: regular checks fall on `anchor + k × interval`, which keeps the
        /// listings spread over the interval however bursty the checks were (catch-up after an
        /// outage, a paused marketplace).
        public var anchor: Date
        /// When the listing should be checked next.
        public var nextDue: Date
        public var lastChecked: Date?
        public var lastStatus: ListingStatus?
        /// Failed checks in a row; drives the retry backoff, reset by a conclusive answer.
        public var consecutiveFailures: Int
        /// A re-check was asked for because the product lost coverage; served before others.
        public var awaitingConfirmation: Bool
        /// When ``ListingSchedule/due(at:limit:allowance:)`` handed the listing out, until its
        /// result is recorded.
        public var dispatchedAt: Date?

        /// The listing has never been checked; such listings are served first.
        public var isNeverChecked: Bool { lastChecked == nil }
    }
}
