public import Foundation
public import OCOPCore

/// A feed as read: its entries plus what the sync needs to know about the document as a whole.
public struct FeedDocument: Sendable, Hashable {
    /// `ocop-watch-feed/1`, or `accesstrade/tiktok_shop` for an affiliate product list.
    public var format: String
    /// When the producer generated the feed, when it says.
    public var generatedAt: Date?
    /// The marketplace the feed speaks for, when it names one.
    public var marketplace: MarketplaceID?
    /// Whether the feed lists every listing its source knows for ``marketplace``: a catalog
    /// listing of that marketplace missing from a complete feed is gone; missing from a partial
    /// feed, it is merely not reported.
    public var isComplete: Bool
    public var entries: [FeedEntry]
    /// How many items name a marketplace that is no known id (`shopee.vn`): each is its own
    /// `unparseable` entry, and while there are any, a listing's absence from a complete feed is
    /// not read as its removal, since it may be one of them.
    public var unattributedItemCount: Int
    /// What every verdict drawn from this feed starts its evidence with (`feed=ocop-watch-feed/1`,
    /// `generated_at=…`), including verdicts about listings the feed leaves out.
    public var evidence: [String]

    public init(
        format: String,
        generatedAt: Date? = nil,
        marketplace: MarketplaceID? = nil,
        isComplete: Bool,
        entries: [FeedEntry],
        unattributedItemCount: Int = 0,
        evidence: [String]? = nil
    ) {
        self.format = format
        self.generatedAt = generatedAt
        self.marketplace = marketplace
        self.isComplete = isComplete
        self.entries = entries
        self.unattributedItemCount = unattributedItemCount
        self.evidence = evidence ?? ["feed=\(format)"]
    }
}
