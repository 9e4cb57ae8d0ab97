/// A product counted but not covered, as the figures list it: enough to name it and say why.
///
/// It holds the few fields `coverage --format json` prints of each gap, so that a stored result
/// can print its gaps without reading the catalog again.
public struct CoverageGap: Sendable, Hashable {
    public var productID: String
    public var name: String
    public var producerID: String
    /// The district as a report labels it (``Region/districtLabel``).
    public var district: String
    public var stars: Int
    /// `uncovered` or `unverified`.
    public var state: CoverageState
    /// The product's first reason: the summary line of its listings' counts.
    public var reason: String?

    public init(
        productID: String,
        name: String,
        producerID: String,
        district: String,
        stars: Int,
        state: CoverageState,
        reason: String?
    ) {
        self.productID = productID
        self.name = name
        self.producerID = producerID
        self.district = district
        self.stars = stars
        self.state = state
        self.reason = reason
    }

    /// The gap of a product's verdict.
    public init(_ coverage: ProductCoverage) {
        self.init(
            productID: coverage.product.id,
            name: coverage.product.name,
            producerID: coverage.product.producerID,
            district: coverage.product.region.districtLabel,
            stars: coverage.product.stars,
            state: coverage.state,
            reason: coverage.reasons.first
        )
    }
}
