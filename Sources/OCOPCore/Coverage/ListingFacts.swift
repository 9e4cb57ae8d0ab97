public import Foundation

/// What the coverage rules read of one listing, and nothing more: whose listing it is, where and
/// by whom it is sold, and its latest conclusive verdict.
///
/// ``ListingEvidence`` carries two whole observations per listing (verdict, evidence strings,
/// title …), which a report of a hundred thousand listings cannot afford to materialise only to
/// count them. The figure itself needs these few fields; the observations are read only for the
/// listings a report shows (see ``CoverageCalculator/report(producers:products:listings:now:)``).
public struct ListingFacts: Sendable, Hashable {
    /// The latest conclusive check of a listing: its status and when it was made.
    public struct Check: Sendable, Hashable {
        public var status: ListingStatus
        public var checkedAt: Date

        public init(status: ListingStatus, checkedAt: Date) {
            self.status = status
            self.checkedAt = checkedAt
        }
    }

    public var productID: String
    public var marketplace: MarketplaceID
    public var sellerRelation: SellerRelation
    /// The latest conclusive check, `nil` when no check was ever conclusive.
    public var conclusive: Check?

    public init(productID: String, marketplace: MarketplaceID, sellerRelation: SellerRelation, conclusive: Check? = nil) {
        self.productID = productID
        self.marketplace = marketplace
        self.sellerRelation = sellerRelation
        self.conclusive = conclusive
    }

    /// The facts of a listing whose observations are at hand.
    public init(_ evidence: ListingEvidence) {
        self.init(
            productID: evidence.listing.productID,
            marketplace: evidence.listing.marketplace,
            sellerRelation: evidence.listing.sellerRelation,
            conclusive: evidence.latestConclusive.map { Check(status: $0.status, checkedAt: $0.checkedAt) }
        )
    }
}
