import Logging
import MarketplaceAdapters
import OCOPConfig
import OCOPCore

extension AdapterRegistry {
    /// The adapters as the operator configured them: base URLs, extra hosts, Sendo's closing date.
    init(watch configuration: OCOPWatchConfiguration) {
        var settings: [MarketplaceID: MarketplaceSettings] = [:]
        for (id, marketplace) in configuration.marketplaces {
            settings[id] = MarketplaceSettings(
                baseURL: marketplace.baseURL,
                apiBaseURL: marketplace.apiBaseURL,
                extraAllowedHosts: Set(marketplace.allowedHosts),
                closedSince: marketplace.closedSince
            )
        }
        self.init(
            configuration: Configuration(
                marketplaces: settings,
                websiteAllowedHosts: Set(configuration.marketplace(.website).allowedHosts)
            )
        )
    }

    /// The hosts each marketplace's requests go to, so pacing can be set per host.
    var hostsByMarketplace: [MarketplaceID: Set<String>] {
        var hosts: [MarketplaceID: Set<String>] = [:]
        for id in ids {
            if let adapter = adapter(for: id) { hosts[id] = adapter.allowedHosts }
        }
        return hosts
    }

    /// The adapter of a listing's marketplace, else the one that recognises its URL
    /// (a Postmart or producer page read as a generic website).
    func adapter(for listing: Listing) -> (any MarketplaceAdapter)? {
        adapter(for: listing.marketplace) ?? adapter(forURL: listing.url)
    }
}
