/// Reads many listings from one document: a seller or affiliate export, or a mock feed.
///
/// Operators switch a marketplace to a feed in the config when its pages refuse anonymous
/// clients, without code changes.
public protocol FeedAdapter: Sendable {
    /// The request that fetches the whole feed.
    func plan(feedURL: String) -> HTTPRequestPlan

    /// Parses the feed into entries, or throws when the document as a whole is unreadable.
    func interpret(_ response: HTTPResponseSnapshot) throws(FeedError) -> [FeedEntry]
}

/// One listing's verdict as a feed states it, matched to the catalog by URL or by item id.
public struct FeedEntry: Sendable, Hashable {
    public var marketplace: MarketplaceID?
    public var url: String?
    public var itemID: String?
    public var verdict: Verdict

    public init(marketplace: MarketplaceID?, url: String?, itemID: String?, verdict: Verdict) {
        self.marketplace = marketplace
        self.url = url
        self.itemID = itemID
        self.verdict = verdict
    }
}

/// Why a feed document could not be read at all.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
