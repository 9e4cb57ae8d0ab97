public import Foundation
public import OCOPCore

extension AdapterRegistry {
    /// One marketplace's settings as an operator writes them in the config file.
    public struct MarketplaceSettings: Sendable, Hashable {
        /// The origin pages (or, for Tiki and Shopee, API calls) go to instead of the real site.
        public var baseURL: String?
        /// The origin of a separate API (Sendo's `detail-api`); falls back to ``baseURL``.
        public var apiBaseURL: String?
        /// Hosts the fetch engine may also reach for this marketplace (CDN or redirect hosts);
        /// for `website`, hosts added to ``Configuration/websiteAllowedHosts``.
        public var extraAllowedHosts: Set<String>
        /// Sendo only: when the marketplace closed (default 2025-04-15).
        public var closedSince: Date?

        public init(
            baseURL: String? = nil,
            apiBaseURL: String? = nil,
            extraAllowedHosts: Set<String> = [],
            closedSince: Date? = nil
        ) {
            self.baseURL = baseURL
            self.apiBaseURL = apiBaseURL
            self.extraAllowedHosts = extraAllowedHosts
            self.closedSince = closedSince
        }
    }

    /// Settings for every adapter; anything left out keeps the adapter's default (the real sites).
    public struct Configuration: Sendable {
        /// Settings by marketplace id (`tiki`, `lazada`, `shopee`, `sendo`, `tiktok_shop`, `website`).
        public var marketplaces: [MarketplaceID: MarketplaceSettings]
        /// Hosts the website adapter may check; empty accepts any public host.
        public var websiteAllowedHosts: Set<String>
        /// The current time, for rules that depend on the date (Sendo's closure).
        public var now: @Sendable () -> Date

        public init(
            marketplaces: [MarketplaceID: MarketplaceSettings] = [:],
            websiteAllowedHosts: Set<String> = [],
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.marketplaces = marketplaces
            self.websiteAllowedHosts = websiteAllowedHosts
            self.now = now
        }

        /// Every adapter sending its requests to one mock marketplace origin, as tests, the demo
        /// and benchmarks run it (`http://127.0.0.1:PORT`).
        public static func mock(
            baseURL: String,
            now: @escaping @Sendable () -> Date = { Date() }
        ) -> Configuration {
            let settings = MarketplaceSettings(baseURL: baseURL, apiBaseURL: baseURL)
            let ids: [MarketplaceID] = [.tiki, .lazada, .shopee, .sendo, .tiktokShop, .website]
            return Configuration(
                marketplaces: Dictionary(uniqueKeysWithValues: ids.map { ($0, settings) }), now: now)
        }
    }
}
