public import OCOPCore

/// Checks Shopee listings through the web PDP endpoint, `GET /api/v4/pdp/get_pc`.
///
/// Shopee closes this endpoint to anonymous clients (marketplaces.md §3.4): most answers will be
/// the `90309999` anti-bot envelope, under 200 or 403, which this adapter reports as `blocked`,
/// never as a missing product. Operators who need Shopee coverage switch it to a feed.
public struct ShopeeAdapter: MarketplaceAdapter {
    /// Where requests go and which hosts the adapter accepts.
    public struct Configuration: Sendable, Hashable {
        /// The origin API requests go to: the real site, or a mock (`http://127.0.0.1:PORT`) in
        /// tests and the demo.
        public var baseURL: String
        /// Hosts whose URLs are Shopee listings.
        public var listingHosts: Set<String>
        /// Further hosts the fetch engine may reach for this adapter, redirects included.
        public var extraAllowedHosts: Set<String>

        public init(
            baseURL: String = "https://shopee.vn",
            listingHosts: Set<String> = ["shopee.vn", "www.shopee.vn"],
            extraAllowedHosts: Set<String> = []
        ) {
            self.baseURL = baseURL
            self.listingHosts = listingHosts
            self.extraAllowedHosts = extraAllowedHosts
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

    public var marketplace: MarketplaceID { .shopee }

    /// Reads `https://shopee.vn/<slug>-i.<shop>.<item>` and `https://shopee.vn/product/<shop>/<item>`:
    /// the item id, and `extra["shop_id"]`.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb, configuration.listingHosts.contains(url.host) else {
            return nil
        }
        let segments = url.pathSegments
        var ids: (shop: Substring, item: Substring)?
        if segments.count == 3, segments[0] == "product" {
            ids = (segments[1], segments[2])
        } else if let last = segments.last {
            // The ids follow the last `-i.`: the slug may hold an `i.` of its own (`Hoi.An`).
            for marker in last.ranges(of: "i.").reversed() {
                guard marker.lowerBound == last.startIndex || last[last.index(before: marker.lowerBound)] == "-" else {
                    continue
                }
                let numbers = last[marker.upperBound...].split(separator: ".", omittingEmptySubsequences: false)
                if numbers.count == 2 { ids = (numbers[0], numbers[1]) }
                break
            }
        }
        guard let ids, ids.shop.isASCIIDigits, ids.item.isASCIIDigits else { return nil }
        return ListingReference(
            url: listingURL, marketplace: .shopee, itemID: String(ids.item), extra: ["shop_id": String(ids.shop)])
    }

    /// `GET <base>/api/v4/pdp/get_pc?item_id=…&shop_id=…&tz_offset_minutes=420&detail_level=0`, with
    /// `x-api-source: pc` and the listing as `referer` (without them Shopee withholds prices).
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        let shop = reference.extra["shop_id"] ?? ""
        return HTTPRequestPlan(
            url: URLParts.joining(
                configuration.baseURL,
                "/api/v4/pdp/get_pc?item_id=\(reference.itemID)&shop_id=\(shop)&tz_offset_minutes=420&detail_level=0"),
            headers: [HTTPHeaderField("x-api-source", "pc"), HTTPHeaderField("referer", reference.url)])
    }
}
