public import Foundation

/// A listing and what its latest conclusive check found: all that alerts read of a listing.
///
/// Alerts follow the latest *conclusive* check only, so that a blocked or failed check neither
/// raises nor resolves them; they never need the latest check itself, nor the title, price or
/// evidence strings of either. ``ListingEvidence`` carries two whole observations per listing,
/// and at 100,000 listings the 13,000 delisted or sold-out ones held 16 MB at the peak of
/// publishing (docs/0012).
public struct ConcludedListing: Sendable, Hashable {
    public var listing: Listing
    public var status: ListingStatus
    /// The adapter's reason for the verdict, quoted in the alert's message.
    public var reason: String?
    /// When that check was made: the alerts it raises count it as evidence once.
    public var checkedAt: Date?

    public init(listing: Listing, status: ListingStatus, reason: String? = nil, checkedAt: Date? = nil) {
        self.listing = listing
        self.status = status
        self.reason = reason
        self.checkedAt = checkedAt
    }

    /// The listing's latest conclusive check; `nil` when none of its checks was conclusive.
    public init?(_ evidence: ListingEvidence) {
        guard let conclusive = evidence.latestConclusive else { return nil }
        self.init(
            listing: evidence.listing,
            status: conclusive.status,
            reason: conclusive.verdict.reason,
            checkedAt: conclusive.checkedAt
        )
    }
}
