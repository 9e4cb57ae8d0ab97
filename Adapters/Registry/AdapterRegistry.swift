public import FeedAdapter
import Foundation
import LazadaAdapter
public import OCOPCore
import SendoAdapter
import ShopeeAdapter
import TikTokShopAdapter
import TikiAdapter
import WebsiteAdapter

/// Every adapter this build has, configured from the operator's settings, and the one place that
/// answers "which adapter reads this URL?".
public struct AdapterRegistry: Sendable {
    /// The sources this build can read, in the order ``adapter(forURL:)`` asks them.
    public static let ids: [MarketplaceID] = [.tiki, .lazada, .shopee, .sendo, .tiktokShop, .website, .feed]

    public let configuration: Configuration
    /// Reads feeds (`ocop-watch-feed/1`, Accesstrade); ``FeedDocument/isComplete`` is on its
    /// `read(_:)` result.
    public let feedAdapter: JSONFeedAdapter
    /// Held as existentials, wrapped once: ``adapter(for:)`` runs for every check, and wrapping an
    /// adapter struct in `any MarketplaceAdapter` there allocated a box and copied its fields
    /// each time. Copies of these share the box.
    private let tiki, lazada, shopee, sendo, tiktokShop, website: any MarketplaceAdapter
    /// The hosts of the marketplaces' own listings: a URL there that no marketplace adapter reads
    /// (a shop, a search) is not handed to the website adapter.
    private let marketplaceHosts: Set<String>

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let settings = { (id: MarketplaceID) in configuration.marketplaces[id] ?? MarketplaceSettings() }

        let tikiSettings = settings(.tiki)
        var tiki = TikiAdapter.Configuration(extraAllowedHosts: tikiSettings.extraAllowedHosts)
        if let base = tikiSettings.apiBaseURL ?? tikiSettings.baseURL { tiki.baseURL = base }
        self.tiki = TikiAdapter(configuration: tiki)

        let lazadaSettings = settings(.lazada)
        var lazada = LazadaAdapter.Configuration(extraAllowedHosts: lazadaSettings.extraAllowedHosts)
        if let base = lazadaSettings.baseURL { lazada.baseURL = base }
        self.lazada = LazadaAdapter(configuration: lazada)

        let shopeeSettings = settings(.shopee)
        var shopee = ShopeeAdapter.Configuration(extraAllowedHosts: shopeeSettings.extraAllowedHosts)
        if let base = shopeeSettings.apiBaseURL ?? shopeeSettings.baseURL { shopee.baseURL = base }
        self.shopee = ShopeeAdapter(configuration: shopee)

        let sendoSettings = settings(.sendo)
        var sendo = SendoAdapter.Configuration(
            extraAllowedHosts: sendoSettings.extraAllowedHosts, now: configuration.now)
        if let base = sendoSettings.apiBaseURL ?? sendoSettings.baseURL { sendo.apiBaseURL = base }
        if let closedSince = sendoSettings.closedSince { sendo.closedSince = closedSince }
        self.sendo = SendoAdapter(configuration: sendo)

        let tiktokSettings = settings(.tiktokShop)
        let tiktokShop = TikTokShopAdapter.Configuration(
            baseURL: tiktokSettings.baseURL, extraAllowedHosts: tiktokSettings.extraAllowedHosts)
        self.tiktokShop = TikTokShopAdapter(configuration: tiktokShop)

        let websiteSettings = settings(.website)
        self.website = WebsiteAdapter(
            configuration: .init(
                baseURL: websiteSettings.baseURL,
                allowedHosts: configuration.websiteAllowedHosts.union(websiteSettings.extraAllowedHosts)))

        self.feedAdapter = JSONFeedAdapter()
        marketplaceHosts = tiki.listingHosts.union(lazada.listingHosts).union(shopee.listingHosts)
            .union(sendo.listingHosts).union(tiktokShop.listingHosts)
    }

    /// ``ids``, for listing what the configuration may name.
    public var ids: [MarketplaceID] { Self.ids }

    /// The adapter that reads listings of `id`; `nil` for `feed` (see ``feedAdapter``) and for
    /// marketplaces without an adapter (Postmart, Voso …), whose listings are stored but not checked.
    public func adapter(for id: MarketplaceID) -> (any MarketplaceAdapter)? {
        switch id {
        case .tiki: tiki
        case .lazada: lazada
        case .shopee: shopee
        case .sendo: sendo
        case .tiktokShop: tiktokShop
        case .website: website
        default: nil
        }
    }

    /// The adapter that accepts `url`: a marketplace adapter when the URL is one of its product
    /// pages, else the website adapter for any other allowed web page. A marketplace URL that is not
    /// a product page (a shop, a search) gets `nil`, not the website adapter.
    public func adapter(forURL url: String) -> (any MarketplaceAdapter)? {
        resolve(url)?.adapter
    }

    /// What ``adapter(forURL:)``'s adapter extracts from `url`.
    public func reference(forURL url: String) -> ListingReference? {
        resolve(url)?.reference
    }

    private func resolve(_ url: String) -> (adapter: any MarketplaceAdapter, reference: ListingReference)? {
        for adapter in [tiki, lazada, shopee, sendo, tiktokShop] {
            if let reference = adapter.reference(for: url) { return (adapter, reference) }
        }
        guard let host = URLParts(url)?.host, !marketplaceHosts.contains(host),
            let reference = website.reference(for: url)
        else { return nil }
        return (website, reference)
    }
}
