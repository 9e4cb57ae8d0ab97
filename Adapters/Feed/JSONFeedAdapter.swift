import Foundation
public import OCOPCore

/// Reads many listings' verdicts from one JSON document: our own `ocop-watch-feed/1` format
/// (docs/0004-feed-format.md), which a seller export, a provincial pavilion or the mock
/// marketplace can produce, and the Accesstrade affiliate list of TikTok Shop products.
///
/// An operator points a marketplace at a feed when its pages refuse anonymous clients. A feed
/// that cannot be read as a whole throws ``FeedError`` with what was wrong and where, and the sync
/// marks the feed's listings `unparseable` — never `delisted`.
public struct JSONFeedAdapter: FeedAdapter {
    /// What to assume about feeds that leave things out.
    public struct Configuration: Sendable, Hashable {
        /// The marketplace of entries when neither the item nor the feed names one.
        public var marketplace: MarketplaceID?

        public init(marketplace: MarketplaceID? = nil) {
            self.marketplace = marketplace
        }
    }

    /// The format this build writes and reads.
    public static let format = "ocop-watch-feed/1"

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// `GET <feedURL>`; `file://` URLs are read by the fetch engine from the directories it allows.
    public func plan(feedURL: String) -> HTTPRequestPlan {
        HTTPRequestPlan(url: feedURL, headers: [HTTPHeaderField("accept", "application/json")])
    }

    public func interpret(_ response: HTTPResponseSnapshot) throws(FeedError) -> [FeedEntry] {
        try read(response).entries
    }

    /// Reads the whole document: entries plus ``FeedDocument/isComplete`` and the generation time,
    /// which the sync needs to decide what a listing missing from the feed means.
    public func read(_ response: HTTPResponseSnapshot) throws(FeedError) -> FeedDocument {
        // Named in every message; a saved file read without a URL still reads as a sentence.
        let source = response.finalURL.isEmpty ? "(no URL)" : response.finalURL
        let isFile = source.lowercased().hasPrefix("file:")
        guard (200..<300).contains(response.status) || (isFile && response.status == 0) else {
            throw FeedError("feed \(source) answered HTTP \(response.status); check the feed URL in the config")
        }
        let root = JSONValue(parsing: response.body)
        guard let object = root?.object else {
            let detail: String
            if response.body.isEmpty {
                detail = "the document is empty"
            } else if root == nil {
                detail = "the document is not valid JSON (truncated or hand-edited?)"
            } else {
                detail = "the document is not a JSON object"
            }
            throw FeedError(
                "feed \(source): \(detail); the producer must write \(Self.format) (docs/0004-feed-format.md)")
        }
        if object["format"] != nil {
            return try watchFeed(response.body, source: source)
        }
        if object["data"]?["products"] != nil {
            return try accesstradeFeed(response.body, source: source)
        }
        throw FeedError(
            "feed \(source): no \"format\" key and no Accesstrade \"data.products\"; expected \(Self.format)"
                + " (docs/0004-feed-format.md)")
    }
}
