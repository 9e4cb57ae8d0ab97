public import OCOPCore

/// What coverage is computed from, read in one consistent snapshot of the store: the current
/// producers and products, and the few facts per listing the rules read.
///
/// It is the lean counterpart of ``ObservationStore/catalog()`` plus
/// ``ObservationStore/evidence()``: no listing URLs and no observations, so computing the figure
/// for a hundred thousand listings neither reads nor holds them.
public struct CoverageInput: Sendable, Hashable {
    /// The current producers, sorted by id.
    public var producers: [Producer]
    /// The current products, sorted by id.
    public var products: [Product]
    /// Every current listing's facts, in listing key order (so grouped by product).
    public var listings: [ListingFacts]
    /// The state of the store these were read from, read in the same transaction: what a stored
    /// result computed from them says it was computed from.
    public var version: CoverageInputVersion

    public init(
        producers: [Producer],
        products: [Product],
        listings: [ListingFacts],
        version: CoverageInputVersion = CoverageInputVersion()
    ) {
        self.producers = producers
        self.products = products
        self.listings = listings
        self.version = version
    }
}
