/// The state of every counted product at one moment, compactly: what "what changed since last
/// week" compares, stored with each coverage snapshot.
///
/// Three sorted lists of product ids rather than one object per product, so a snapshot of a
/// province's few thousand certificates stays a few kilobytes even when the daemon stores one
/// after every batch. A product in none of the lists was not counted at that moment (no active
/// certificate, or not yet in the catalog).
public struct ProductStates: Sendable, Hashable, Codable {
    public private(set) var covered: [String]
    public private(set) var uncovered: [String]
    public private(set) var unverified: [String]

    public init(covered: [String] = [], uncovered: [String] = [], unverified: [String] = []) {
        self.covered = Self.sorted(covered)
        self.uncovered = Self.sorted(uncovered)
        self.unverified = Self.sorted(unverified)
    }

    /// `ids` sorted; not copied when they already are, as a report's are (in product id order).
    private static func sorted(_ ids: [String]) -> [String] {
        ids.isAscending(strictly: false, by: { $0 }) ? ids : ids.sorted()
    }

    /// The states of a report's counted products.
    public init(_ report: CoverageReport) {
        // Ids only: filtering the verdicts first would copy every product of a large catalog.
        var ids: [CoverageState: [String]] = [:]
        for index in report.productCoverage.indices {
            ids[report.productCoverage[index].state, default: []].append(report.productCoverage[index].product.id)
        }
        self.init(covered: ids[.covered] ?? [], uncovered: ids[.uncovered] ?? [], unverified: ids[.unverified] ?? [])
    }

    /// Every product's state by id.
    public var byProduct: [String: CoverageState] {
        var states: [String: CoverageState] = [:]
        for (ids, state) in [(covered, CoverageState.covered), (uncovered, .uncovered), (unverified, .unverified)] {
            for id in ids { states[id] = state }
        }
        return states
    }

    /// How many products were counted.
    public var count: Int { covered.count + uncovered.count + unverified.count }
}
