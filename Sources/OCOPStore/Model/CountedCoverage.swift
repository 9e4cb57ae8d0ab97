public import Foundation
public import OCOPCore

/// Coverage as a store counted it (``ObservationStore/coverage(rules:now:)``), with what it was
/// counted from, all read in one consistent snapshot of the store.
///
/// The store counts each listing's few facts as it reads them (``CoverageCounter``) instead of
/// handing them over: no listing URLs, no observations, and no array of a hundred thousand
/// listings at the peak of publishing.
public struct CountedCoverage: Sendable {
    /// One summary line per product (``CoverageCalculator/report(producers:products:listings:now:)``).
    public var report: CoverageReport
    /// The current producers, sorted by id.
    public var producers: [Producer]
    /// The current products, sorted by id.
    public var products: [Product]
    /// The state of the store the figures were counted from: what a stored result computed from
    /// them says it was computed from.
    public var version: CoverageInputVersion
    /// Until when the same store gives the same figures (``CoverageCounter/validUntil``).
    public var validUntil: Date?

    public init(
        report: CoverageReport,
        producers: [Producer],
        products: [Product],
        version: CoverageInputVersion = CoverageInputVersion(),
        validUntil: Date? = nil
    ) {
        self.report = report
        self.producers = producers
        self.products = products
        self.version = version
        self.validUntil = validUntil
    }
}
