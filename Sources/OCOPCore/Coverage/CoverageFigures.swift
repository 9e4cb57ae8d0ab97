public import Foundation

/// What `ocop-watch coverage` prints: the headline tallies, the breakdowns and the products not
/// covered, without the per-product verdicts a ``CoverageReport`` carries.
///
/// A report of a hundred thousand listings holds a verdict for every product; the figures hold a
/// few hundred rows (the producer breakdown aside) and the gaps. That is what publishing stores
/// after every pass, so that `coverage` can print without reading the catalog and the evidence
/// again, and what the renderers print, so that stored and freshly computed figures print alike.
public struct CoverageFigures: Sendable, Hashable {
    /// When the figures hold: the moment they were computed, or the moment they are printed for.
    public var generatedAt: Date
    public var rules: CoverageRules
    public var products: CoverageTally
    public var producers: CoverageTally
    /// Rows per dimension, in the report's order; figures read back in part hold some dimensions only.
    public var breakdowns: [CoverageDimension: [CoverageBreakdownRow]]
    /// The products counted but not covered, in the standard order of their ids
    /// (`localizedStandardCompare`: `DT-P-9` before `DT-P-10`).
    public var gaps: [CoverageGap]

    public init(
        generatedAt: Date,
        rules: CoverageRules,
        products: CoverageTally,
        producers: CoverageTally,
        breakdowns: [CoverageDimension: [CoverageBreakdownRow]],
        gaps: [CoverageGap]
    ) {
        self.generatedAt = generatedAt
        self.rules = rules
        self.products = products
        self.producers = producers
        self.breakdowns = breakdowns
        self.gaps = gaps
    }

    /// The figures of a report.
    ///
    /// - Parameter includingGaps: Whether to list the gaps; a table or CSV does not print them, and
    ///   sorting thousands of them would be wasted.
    public init(_ report: CoverageReport, includingGaps: Bool = true) {
        let gaps =
            includingGaps
            ? report.productCoverage.filter { $0.state != .covered }.map(CoverageGap.init)
                .sorted { StandardOrder.precedes($0.productID, $1.productID) } : []
        self.init(
            generatedAt: report.generatedAt,
            rules: report.rules,
            products: report.products,
            producers: report.producers,
            breakdowns: report.breakdowns,
            gaps: gaps
        )
    }
}
