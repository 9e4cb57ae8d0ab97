import Foundation
import OCOPCore

extension CheckPlanner {
    /// The schedule's, the breakers' and the budgets' settings, from the config file.
    public struct Configuration: Sendable, Hashable {
        public var schedule: ListingSchedule.Configuration
        public var breaker: CircuitBreaker.Configuration
        /// Hourly request budget per marketplace.
        public var requestsPerHour: [MarketplaceID: Double]
        /// The budget of marketplaces absent from ``requestsPerHour``.
        public var defaultRequestsPerHour: Double

        public init(
            schedule: ListingSchedule.Configuration = .init(),
            breaker: CircuitBreaker.Configuration = .init(),
            requestsPerHour: [MarketplaceID: Double] = [:],
            defaultRequestsPerHour: Double = 1_200
        ) {
            self.schedule = schedule
            self.breaker = breaker
            self.requestsPerHour = requestsPerHour
            self.defaultRequestsPerHour = defaultRequestsPerHour
        }

        /// A fresh (full) budget for `marketplace`.
        func budget(for marketplace: MarketplaceID) -> RequestBudget {
            RequestBudget(requestsPerHour: requestsPerHour[marketplace] ?? defaultRequestsPerHour)
        }
    }
}
