/// A way to break coverage down, as `ocop-watch coverage --by` names it.
public enum CoverageDimension: String, Sendable, Hashable, Codable, CaseIterable {
    case region
    case commune
    case stars
    case group
    case industry
    case marketplace
    case producer
}

/// One row of a breakdown: product and producer tallies for one value of a dimension.
public struct CoverageBreakdownRow: Sendable, Hashable, Codable {
    public var key: String
    public var label: String
    public var products: CoverageTally
    public var producers: CoverageTally

    public init(key: String, label: String, products: CoverageTally, producers: CoverageTally) {
        self.key = key
        self.label = label
        self.products = products
        self.producers = producers
    }
}
