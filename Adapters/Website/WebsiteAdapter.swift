public import OCOPCore

/// Checks a product page on any web site: a producer's own shop, a provincial portal, a small
/// marketplace without an adapter of its own.
///
/// It reads what sites publish for search engines and link previews: schema.org `Product` in
/// JSON-LD (with `@graph`, offer arrays and `AggregateOffer`), microdata `itemprop`s, and
/// OpenGraph `product:` tags. Where none states availability, the page's own words decide
/// ("Hết hàng", "Ngừng kinh doanh", "Out of stock").
public struct WebsiteAdapter: MarketplaceAdapter {
    /// Where requests go and which hosts the adapter accepts.
    public struct Configuration: Sendable, Hashable {
        /// `nil` fetches each listing URL itself. When set (tests, the demo), the page is fetched
        /// from `<base>/site/<original host><original path>`.
        public var baseURL: String?
        /// Hosts whose pages this adapter may check. Empty accepts any host; the fetch engine's
        /// private-address rules still apply.
        public var allowedHosts: Set<String>
        /// Below this size, a page with no product data that shows a challenge is taken for an
        /// anti-bot page.
        public var blockPageSizeLimit: Int

        public init(baseURL: String? = nil, allowedHosts: Set<String> = [], blockPageSizeLimit: Int = 20_000) {
            self.baseURL = baseURL
            self.allowedHosts = allowedHosts
            self.blockPageSizeLimit = blockPageSizeLimit
        }
    }

    public let configuration: Configuration
    /// The configured hosts plus the base URL's host. Empty means no host list: any public host
    /// may be fetched (the fetch engine still refuses private and loopback addresses unless they
    /// are named here). Computed once here: the fetch engine asks for it on every check.
    public let allowedHosts: Set<String>
    /// `configuration.baseURL` parsed once, for mapping every fetched URL back to its site.
    private let base: URLParts?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.base = configuration.baseURL.flatMap(URLParts.init)
        var hosts = configuration.allowedHosts
        if let base { hosts.insert(base.host) }
        self.allowedHosts = hosts
    }

    public var marketplace: MarketplaceID { .website }

    /// Accepts any `http`/`https` URL whose host is allowed (any host when the list is empty).
    /// The item id is `host/path`, which names the page without its tracking query.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb else { return nil }
        guard configuration.allowedHosts.isEmpty || configuration.allowedHosts.contains(url.host) else { return nil }
        return ListingReference(
            url: listingURL, marketplace: .website, itemID: url.host + url.path,
            extra: ["origin": url.origin, "authority": url.authority, "path": url.pathAndQuery])
    }

    /// The listing URL itself (without a fragment), or `<base>/site/<host><path>` when a base URL
    /// is configured.
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        // `reference(for:)` stored the parts; parse the URL only for a reference made elsewhere.
        func listingPart(_ key: String, _ part: (URLParts) -> String) -> String? {
            reference.extra[key] ?? URLParts(reference.url).map(part)
        }
        let path = listingPart("path", \.pathAndQuery) ?? "/"
        let url: String
        if let baseURL = configuration.baseURL {
            url = URLParts.joining(baseURL, "/site/\(listingPart("authority", \.authority) ?? "")\(path)")
        } else {
            url = "\(listingPart("origin", \.origin) ?? "")\(path)"
        }
        return HTTPRequestPlan(
            url: url,
            headers: [
                HTTPHeaderField("accept", "text/html,application/xhtml+xml"),
                HTTPHeaderField("accept-language", "vi-VN,vi;q=0.9,en;q=0.8"),
            ])
    }

    /// A fetched URL mapped back to the site it stands for: `<base>/site/<host><path>` becomes
    /// `https://<host><path>`; other URLs are returned as they are.
    func siteURL(forFetched fetched: String) -> String {
        guard let base, let url = URLParts(fetched),
            url.authority == base.authority, url.path.hasPrefix("/site/")
        else { return fetched }
        let rest = url.path.dropFirst("/site/".count)
        let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        // One string, sized once: every page a pass reads comes through here.
        var site = "https://"
        site.reserveCapacity(fetched.utf8.count)
        site += rest[..<slash]
        site += rest[slash...].isEmpty ? "/" : rest[slash...]
        if let query = url.query {
            site += "?"
            site += query
        }
        return site
    }
}
