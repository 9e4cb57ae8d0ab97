public import Foundation
public import OCOPCore

/// Checks Sendo listings through the historical detail API, `GET <apiBase>/full/<slug>`.
///
/// Sendo's marketplace closed on 15 April 2025 (marketplaces.md §4). After ``Configuration/closedSince``
/// any answer that is not a readable product — a 404, a redirect to the home page or to Sendo Farm,
/// a block page — means the listing is gone with the marketplace: `delisted`, reason
/// `marketplace_closed`, never `blocked` or `unreachable`. The current time is an input
/// (``Configuration/now``) so this rule is tested without waiting for a date.
public struct SendoAdapter: MarketplaceAdapter {
    /// Where requests go, which hosts the adapter accepts, and when the marketplace closed.
    public struct Configuration: Sendable {
        /// The origin of the detail API: the real one, or a mock (`http://127.0.0.1:PORT`).
        public var apiBaseURL: String
        /// Hosts whose URLs are Sendo listings.
        public var listingHosts: Set<String>
        /// Further hosts the fetch engine may reach for this adapter, redirects included.
        public var extraAllowedHosts: Set<String>
        /// When the marketplace closed; `nil` to classify every answer by the ordinary rules.
        public var closedSince: Date?
        /// The current time, asked once per interpreted response.
        public var now: @Sendable () -> Date

        /// 2025-04-15 00:00 in Vietnam (UTC+7), the day the marketplace closed.
        public static let marketplaceClosure = Date(timeIntervalSince1970: 1_744_650_000)

        public init(
            apiBaseURL: String = "https://detail-api.sendo.vn",
            listingHosts: Set<String> = ["www.sendo.vn", "sendo.vn"],
            extraAllowedHosts: Set<String> = [],
            closedSince: Date? = Configuration.marketplaceClosure,
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.apiBaseURL = apiBaseURL
            self.listingHosts = listingHosts
            self.extraAllowedHosts = extraAllowedHosts
            self.closedSince = closedSince
            self.now = now
        }
    }

    public let configuration: Configuration
    /// The API host, the listing hosts (old listings redirect there) and the extra hosts, computed
    /// once.
    public let allowedHosts: Set<String>

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.allowedHosts = Self.allowedHosts(
            listingHosts: configuration.listingHosts,
            extraHosts: configuration.extraAllowedHosts,
            requestsGoTo: configuration.apiBaseURL
        )
    }

    public var marketplace: MarketplaceID { .sendo }

    /// Reads `https://www.sendo.vn/<slug>-<id>.html` (also under `/shop/<shop>/`): the numeric id,
    /// and `extra["slug"]`, the last path segment without `.html`, which is the API's key.
    public func reference(for listingURL: String) -> ListingReference? {
        guard let url = URLParts(listingURL), url.isWeb, configuration.listingHosts.contains(url.host),
            let segment = url.pathSegments.last, segment.hasSuffix(".html")
        else { return nil }
        let slug = segment.dropLast(".html".count)
        guard let dash = slug.lastIndex(of: "-") else { return nil }
        let id = slug[slug.index(after: dash)...]
        guard id.isASCIIDigits else { return nil }
        return ListingReference(url: listingURL, marketplace: .sendo, itemID: String(id), extra: ["slug": String(slug)])
    }

    /// `GET <apiBase>/full/<slug>`.
    public func plan(_ reference: ListingReference) -> HTTPRequestPlan {
        let slug = reference.extra["slug"] ?? reference.itemID
        return HTTPRequestPlan(
            url: URLParts.joining(configuration.apiBaseURL, "/full/\(slug)"),
            headers: [
                HTTPHeaderField("accept", "application/json, text/plain, */*"),
                HTTPHeaderField("referer", "https://www.sendo.vn/"),
            ])
    }
}
