public import OCOPCore

/// Checks Tiki listings through Tiki's public product API, `GET /api/v2/products/<id>`.
///
/// The API is the best-documented and least-guarded way to read Tiki (marketplaces.md §1): one
/// small JSON body per listing with the inventory status, the seller offer selected by `spid`,
/// stock and sold counts.
public struct TikiAdapter: MarketplaceAdapter {
    /// Where requests go and which hosts the adapter accepts.
    public struct Configuration: Sendable, Hashable {
        /// The origin API requests go to: the real site, or a mock (`http://127.0.0.1:PORT`) in
        /// tests and the demo.
        public var baseURL: String
        /// Hosts whose URLs are Tiki listings.
        public var listingHosts: Set<String>
        /// Further hosts the fetch engine may reach for this adapter, redirects included.
        public var extraAllowedHosts: Set<String>

        public init(
            baseURL: String = "https://tiki.vn",
            listingHosts: Set<String> = ["tiki.vn", "www.tiki.vn"],
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

    public var marketplace: MarketplaceID { .tiki }

    /// Reads `https://tiki.vn/<slug>-p<id>.html?spid=<spid>` (and the short `product-p<id>.html`):
    /// the item id is the product id, `extra["spid"]` the seller offer when the URL names one.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb, configuration.listingHosts.contains(url.host),
            let segment = url.pathSegments.last, segment.hasSuffix(".html")
        else { return nil }
        let stem = segment.dropLast(".html".count)
        guard let marker = stem.lastIndex(of: "p") else { return nil }
        let digits = stem[stem.index(after: marker)...]
        guard digits.isASCIIDigits,
            marker == stem.startIndex || stem[stem.index(before: marker)] == "-"
        else { return nil }
        var extra: [String: String] = [:]
        if marker > stem.startIndex { extra["slug"] = String(stem[..<stem.index(before: marker)]) }
        if let spid = url.queryValue("spid"), spid.isASCIIDigits { extra["spid"] = spid }
        return ListingReference(url: listingURL, marketplace: .tiki, itemID: String(digits), extra: extra)
    }

    /// `GET <base>/api/v2/products/<id>?platform=web&spid=<spid>&version=3` (`spid` only when known).
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        // Built in one string: a pass plans every Tiki listing.
        let spid = reference.extra["spid"]
        var path = "/api/v2/products/"
        path.reserveCapacity(64 + reference.itemID.utf8.count + (spid?.utf8.count ?? 0))
        path += reference.itemID
        path += "?platform=web"
        if let spid {
            path += "&spid="
            path += spid
        }
        path += "&version=3"
        return HTTPRequestPlan(url: URLParts.joining(configuration.baseURL, path), headers: Self.requestHeaders)
    }

    private static let requestHeaders = [HTTPHeaderField("accept", "application/json")]
}
