/// One product's coverage verdict and the reasons for it, so every figure can be explained.
public struct ProductCoverage: Sendable, Hashable {
    public var product: Product
    public var state: CoverageState
    /// Human-readable reasons, one per listing considered, plus a summary line first.
    public var reasons: [String]
    /// The listings that made the product covered (empty otherwise).
    public var onlineListings: [ListingKey]

    public init(product: Product, state: CoverageState, reasons: [String], onlineListings: [ListingKey]) {
        self.product = product
        self.state = state
        self.reasons = reasons
        self.onlineListings = onlineListings
    }
}
