/// What the store knows about one listing: its most recent observation, and its most recent
/// *conclusive* one (which may be older, when later checks were blocked or unreachable).
public struct ListingEvidence: Sendable, Hashable {
    public var listing: Listing
    public var latest: Observation?
    public var latestConclusive: Observation?

    public init(listing: Listing, latest: Observation? = nil, latestConclusive: Observation? = nil) {
        self.listing = listing
        self.latest = latest
        self.latestConclusive = latestConclusive
    }
}
