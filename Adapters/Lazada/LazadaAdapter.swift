public import OCOPCore

/// Checks Lazada listings by reading the product page's embedded page model.
///
/// Lazada has no public single-product endpoint (marketplaces.md §2): the page carries its model
/// as `var __moduleData__ = {…}` or `app.run({…})`, sometimes with a schema.org JSON-LD block,
/// and an anti-bot "punish" page answers automated clients with HTTP 200.
public struct LazadaAdapter: MarketplaceAdapter {
    /// Where requests go and which hosts the adapter accepts.
    public struct Configuration: Sendable, Hashable {
        /// The origin product pages are fetched from (the listing path is kept): the real site, or
        /// a mock (`http://127.0.0.1:PORT`) in tests and the demo.
        public var baseURL: String
        /// Hosts whose URLs are Lazada listings.
        public var listingHosts: Set<String>
        /// Further hosts the fetch engine may reach for this adapter, redirects included.
        public var extraAllowedHosts: Set<String>
        /// Below this size, a page with no product data and no removal marker is taken for an
        /// anti-bot page rather than a changed layout (marketplaces.md §2.4).
        public var blockPageSizeLimit: Int

        public init(
            baseURL: String = "https://www.lazada.vn",
            listingHosts: Set<String> = ["www.lazada.vn", "lazada.vn", "m.lazada.vn"],
            extraAllowedHosts: Set<String> = [],
            blockPageSizeLimit: Int = 20_000
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

    public var marketplace: MarketplaceID { .lazada }

    /// Reads `https://www.lazada.vn/products/<slug>-i<item>(-s<sku>).html` (the sku may also come
    /// as `?skuId=`): the item id, and `extra["sku_id"]` when the URL selects a variant.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb, configuration.listingHosts.contains(url.host),
            let segment = url.pathSegments.last, segment.hasSuffix(".html")
        else { return nil }
        var stem = segment.dropLast(".html".count)
        var sku: Substring?
        if let dash = stem.lastIndex(of: "-"), stem[stem.index(after: dash)...].first == "s" {
            let digits = stem[stem.index(dash, offsetBy: 2)...]
            if digits.isASCIIDigits {
                sku = digits
                stem = stem[..<dash]
            }
        }
        guard let marker = stem.lastIndex(of: "i") else { return nil }
        let item = stem[stem.index(after: marker)...]
        guard item.isASCIIDigits,
            marker == stem.startIndex || stem[stem.index(before: marker)] == "-"
        else { return nil }
        var extra = ["path": url.path]
        if let sku = sku.map(String.init) ?? url.queryValue("skuId"), sku.isASCIIDigits {
            extra["sku_id"] = sku
        }
        return ListingReference(url: listingURL, marketplace: .lazada, itemID: String(item), extra: extra)
    }

    /// `GET <base><listing path>`: the listing's own page at the configured origin. The query is
    /// dropped: on Lazada it only carries tracking (`spm`, `search`), and a stable URL keeps
    /// conditional requests useful.
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        let path = reference.extra["path"] ?? URLParts(reference.url)?.path ?? "/"
        return HTTPRequestPlan(
            url: URLParts.joining(configuration.baseURL, path),
            headers: [
                HTTPHeaderField("accept", "text/html,application/xhtml+xml"),
                HTTPHeaderField("accept-language", "vi-VN,vi;q=0.9,en;q=0.8"),
            ])
    }
}
