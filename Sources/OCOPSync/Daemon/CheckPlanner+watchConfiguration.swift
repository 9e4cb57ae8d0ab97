import Foundation
import OCOPConfig
import OCOPCore

extension CheckPlanner.Configuration {
    /// The scheduling rules the operator configured: intervals and budgets per marketplace, the
    /// first-check window, the retry backoff and the breaker cooldown.
    init(watch configuration: OCOPWatchConfiguration) {
        var intervals: [MarketplaceID: Double] = [:]
        var budgets: [MarketplaceID: Double] = [:]
        for (id, settings) in configuration.marketplaces {
            intervals[id] = settings.interval
            budgets[id] = Double(settings.requestsPerHour)
        }
        let daemon = configuration.daemon
        let defaultBreaker = CircuitBreaker.Configuration()
        self.init(
            schedule: ListingSchedule.Configuration(
                intervals: intervals,
                retryBase: daemon.retryBase,
                confirmationDelay: daemon.confirmAfter,
                firstCheckWindow: daemon.firstCheckWithin
            ),
            breaker: CircuitBreaker.Configuration(
                cooldown: Backoff(base: daemon.breakerCooldown, cap: max(defaultBreaker.cooldown.cap, daemon.breakerCooldown))
            ),
            requestsPerHour: budgets
        )
    }
}
