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
            let (slug, itemID) = Self.slugAndItemID(inPath: url.path)
        else { return nil }
        var extra: [String: String] = [:]
        if let slug { extra["slug"] = slug }
        if let spid = url.queryValue("spid"), spid.isASCIIDigits { extra["spid"] = spid }
        return ListingReference(url: listingURL, marketplace: .tiki, itemID: itemID, extra: extra)
    }

    /// The last path segment read as `<slug>-p<id>.html` or `p<id>.html`, in UTF-8 bytes: every
    /// Tiki listing of a pass goes through here, and walking it as `Character`s cost more than
    /// interpreting the product's answer (docs/0012, eighth round).
    private static func slugAndItemID(inPath path: String) -> (slug: String?, itemID: String)? {
        var path = path
        return path.withUTF8 { bytes -> (String?, String)? in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            let suffix = ".html".utf8
            guard end - start > suffix.count, bytes[(end - suffix.count)..<end].elementsEqual(suffix) else { return nil }
            let stemEnd = end - suffix.count
            guard let marker = bytes[start..<stemEnd].lastIndex(of: UInt8(ascii: "p")) else { return nil }
            let digits = bytes[(marker + 1)..<stemEnd]
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                marker == start || bytes[marker - 1] == UInt8(ascii: "-")
            else { return nil }
            let slug = marker > start ? String(decoding: bytes[start..<(marker - 1)], as: UTF8.self) : nil
            return (slug, String(decoding: digits, as: UTF8.self))
        }
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
