public import Foundation

/// The headline figures of one past pass: one point of the report's trend line.
public struct CoverageTrendPoint: Sendable, Hashable, Codable {
    public var date: Date
    /// Covered products, 0–100.
    public var productPercent: Double
    /// Covered producers, 0–100.
    public var producerPercent: Double

    public init(date: Date, productPercent: Double, producerPercent: Double) {
        self.date = date
        self.productPercent = productPercent
        self.producerPercent = producerPercent
    }
}
