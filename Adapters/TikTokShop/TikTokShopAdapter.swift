public import OCOPCore

/// Checks TikTok Shop listings by reading the product page's `__MODERN_ROUTER_DATA__` model.
///
/// The page model names the product, seller, price and sold count, and marks region-blocked
/// items with `error_code` 23002102 (marketplaces.md §5). It does not show stock, so a readable
/// page is `active` with the stock unknown; sold-out state comes from an affiliate feed.
public struct TikTokShopAdapter: MarketplaceAdapter {
    /// Where requests go and which hosts the adapter accepts.
    public struct Configuration: Sendable, Hashable {
        /// The origin product pages are fetched from, with the listing path kept; `nil` fetches
        /// each listing from its own origin (`shop.tiktok.com` or `www.tiktok.com`). Tests and the
        /// demo set a mock (`http://127.0.0.1:PORT`).
        public var baseURL: String?
        /// Hosts whose URLs are TikTok Shop listings.
        public var listingHosts: Set<String>
        /// Further hosts the fetch engine may reach for this adapter, redirects included.
        public var extraAllowedHosts: Set<String>
        /// Below this size, a page with no product model that mentions a check or a denial is taken
        /// for an anti-bot page (marketplaces.md §5.4).
        public var blockPageSizeLimit: Int

        public init(
            baseURL: String? = nil,
            listingHosts: Set<String> = ["shop.tiktok.com", "www.tiktok.com", "tiktok.com"],
            extraAllowedHosts: Set<String> = [],
            blockPageSizeLimit: Int = 30_000
        ) {
            self.baseURL = baseURL
            self.listingHosts = listingHosts
            self.extraAllowedHosts = extraAllowedHosts
            self.blockPageSizeLimit = blockPageSizeLimit
        }
    }

    public let configuration: Configuration
    /// The listing hosts, the extra hosts and the host requests go to, computed once.
    public let allowedHosts: Set<String>

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.allowedHosts = Self.allowedHosts(
            listingHosts: configuration.listingHosts,
            extraHosts: configuration.extraAllowedHosts,
            requestsGoTo: configuration.baseURL
        )
    }

    public var marketplace: MarketplaceID { .tiktokShop }

    /// Reads `https://shop.tiktok.com/vn/pdp/<slug>/<id>`, `https://www.tiktok.com/shop/vn/pdp/(<slug>/)<id>`
    /// and `https://www.tiktok.com/view/product/<id>`; product ids are 15–20 digits. Pages of other
    /// regions than Vietnam are not accepted.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb, configuration.listingHosts.contains(url.host) else {
            return nil
        }
        var segments = url.pathSegments.map { $0.lowercased() }
        let id: String
        if segments.count == 3, segments[0] == "view", segments[1] == "product" {
            id = segments[2]
        } else {
            if segments.first == "shop" { segments.removeFirst() }
            guard (3...4).contains(segments.count), segments[0] == "vn", segments[1] == "pdp" else { return nil }
            id = segments[segments.count - 1]
        }
        guard (15...20).contains(id.count), id.isASCIIDigits else { return nil }
        return ListingReference(
            url: listingURL, marketplace: .tiktokShop, itemID: id,
            extra: ["path": url.pathAndQuery, "origin": url.origin])
    }

    /// `GET <base><listing path and query>`, the base being the listing's own origin unless
    /// configured. The query is kept: `region=VN&locale=vi-VN` changes what TikTok serves.
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        let listing = URLParts(reference.url)
        let origin = configuration.baseURL ?? reference.extra["origin"] ?? listing?.origin ?? "https://shop.tiktok.com"
        let path = reference.extra["path"] ?? listing?.pathAndQuery ?? "/"
        return HTTPRequestPlan(
            url: URLParts.joining(origin, path),
            headers: [
                HTTPHeaderField("accept", "text/html,application/xhtml+xml"),
                HTTPHeaderField("accept-language", "vi-VN,vi;q=0.9,en;q=0.8"),
            ])
    }
}
