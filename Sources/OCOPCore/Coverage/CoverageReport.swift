public import Foundation

/// The coverage of a catalog at one moment: headline tallies, per-product verdicts and breakdowns.
public struct CoverageReport: Sendable, Hashable {
    public var generatedAt: Date
    public var rules: CoverageRules
    public var products: CoverageTally
    public var producers: CoverageTally
    public var productCoverage: [ProductCoverage]
    public var breakdowns: [CoverageDimension: [CoverageBreakdownRow]]

    public init(
        generatedAt: Date,
        rules: CoverageRules,
        products: CoverageTally,
        producers: CoverageTally,
        productCoverage: [ProductCoverage],
        breakdowns: [CoverageDimension: [CoverageBreakdownRow]]
    ) {
        self.generatedAt = generatedAt
        self.rules = rules
        self.products = products
        self.producers = producers
        self.productCoverage = productCoverage
        self.breakdowns = breakdowns
    }

    /// The product verdict for an id, if the product is counted.
    public func coverage(ofProduct id: String) -> ProductCoverage? {
        productCoverage.first { $0.product.id == id }
    }
}
