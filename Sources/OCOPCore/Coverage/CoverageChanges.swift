public import Foundation

/// What changed between a stored moment and a coverage report: the products that became
/// covered, uncovered or unverified, and those no longer counted.
///
/// An officer asked "what changed since last week" needs names, not two percentages: a figure
/// that stayed at 80 % can hide ten products lost and ten gained. Pure: the baseline is the
/// ``ProductStates`` stored with an older snapshot.
public struct CoverageChanges: Sendable, Hashable {
    /// One product whose state moved.
    public struct Change: Sendable, Hashable {
        public var product: Product
        /// The state at the baseline; `nil` when the product was not counted then (a new
        /// certificate, or one that became active again).
        public var from: CoverageState?
        public var to: CoverageState
        /// The calculator's summary line for the current state.
        public var reason: String?

        public init(product: Product, from: CoverageState?, to: CoverageState, reason: String? = nil) {
            self.product = product
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// When the baseline was taken.
    public var since: Date
    /// When the current report was computed.
    public var until: Date
    /// Every product whose state differs from the baseline, sorted by product id.
    public var changes: [Change]
    /// Products counted at the baseline and not now (certificate expired, revoked, removed).
    public var noLongerCounted: [String]
    /// Every counted product's state at the baseline and now, for the "from → to" headline.
    public var before: ProductStates
    public var after: ProductStates

    /// Compares `report` with the states stored at `since`.
    public init(from baseline: ProductStates, at since: Date, to report: CoverageReport) {
        let previous = baseline.byProduct
        self.since = since
        until = report.generatedAt
        before = baseline
        after = ProductStates(report)
        changes = report.productCoverage.compactMap { item in
            let from = previous[item.product.id]
            guard from != item.state else { return nil }
            return Change(product: item.product, from: from, to: item.state, reason: item.reasons.first)
        }
        .sorted { StandardOrder.precedes($0.product.id, $1.product.id) }
        let counted = Set(report.productCoverage.map(\.product.id))
        noLongerCounted = previous.keys.filter { !counted.contains($0) }
            .sorted { StandardOrder.precedes($0, $1) }
    }

    /// The products that moved into `state`, sorted by product id.
    public func changes(to state: CoverageState) -> [Change] {
        changes.filter { $0.to == state }
    }

    /// Products covered now that were not at the baseline.
    public var newlyCovered: [Change] { changes(to: .covered) }
    /// Products uncovered now that were not at the baseline: the gaps to act on.
    public var newlyUncovered: [Change] { changes(to: .uncovered) }
    /// Products that can no longer be verified (usually a marketplace we could not read).
    public var newlyUnverified: [Change] { changes(to: .unverified) }

    public var isEmpty: Bool { changes.isEmpty && noLongerCounted.isEmpty }
}
