import Logging
import OCOPConfig
import OCOPCore

extension CheckPlanner.Configuration {
    /// Intervals and budgets per marketplace from the config.
    init(watch configuration: OCOPWatchConfiguration) {
        var intervals: [MarketplaceID: Double] = [:]
        var budgets: [MarketplaceID: Double] = [:]
        for (id, settings) in configuration.marketplaces {
            intervals[id] = settings.interval
            budgets[id] = Double(settings.requestsPerHour)
        }
        self.init(
            schedule: ListingSchedule.Configuration(
                intervals: intervals,
                confirmationDelay: configuration.daemon.confirmAfter
            ),
            requestsPerHour: budgets
        )
    }
}
