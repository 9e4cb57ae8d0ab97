/// What an alert is about. The raw values are the `kind` field of the alert log, so they are part
/// of the file format: add cases, never rename them.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// Coverage of products or producers is below the configured target, overall or in a district.
    case coverageBelowTarget = "coverage_below_target"
    /// A product that had listings is now uncovered: every listing of it is freshly known offline.
    case productLostCoverage = "product_lost_coverage"
    /// A marketplace says a listing is gone.
    case listingDelisted = "listing_delisted"
    /// A listing is still listed but cannot be bought now.
    case listingOutOfStock = "listing_out_of_stock"
    /// Most checks of a marketplace in the last pass were blocked or unreadable: an adapter or
    /// network problem, not a thousand missing products.
    case adapterDegraded = "adapter_degraded"
    /// No pass has concluded anything for longer than allowed (an outage, every marketplace
    /// refusing us): the figures are getting old.
    case noSuccessfulPass = "no_successful_pass"
    /// A certificate runs out soon while its product is not online.
    case certificateExpiring = "certificate_expiring"

    /// The severity used unless ``AlertRules/severities`` overrides it.
    public var defaultSeverity: AlertSeverity {
        switch self {
        case .adapterDegraded, .noSuccessfulPass: .critical
        case .coverageBelowTarget, .productLostCoverage, .listingDelisted, .certificateExpiring: .warning
        case .listingOutOfStock: .info
        }
    }

    /// Kinds that exist once per listing or product, so one marketplace incident can raise
    /// hundreds of them at once: these are grouped, and debounced over more evaluations.
    public var isPerItem: Bool {
        switch self {
        case .productLostCoverage, .listingDelisted, .listingOutOfStock, .certificateExpiring: true
        case .coverageBelowTarget, .adapterDegraded, .noSuccessfulPass: false
        }
    }

    /// Kinds concluded from checks of one listing, whose truth depends on the marketplace being
    /// readable: silenced while that marketplace is degraded.
    public var isListingLevel: Bool {
        switch self {
        case .listingDelisted, .listingOutOfStock: true
        case .coverageBelowTarget, .productLostCoverage, .adapterDegraded, .noSuccessfulPass, .certificateExpiring:
            false
        }
    }

    /// Kinds concluded from listing checks (as opposed to the catalog or the clock); a single
    /// wrong check should not raise them, so they need more consecutive evaluations to fire.
    public var isObservationDerived: Bool {
        switch self {
        case .productLostCoverage, .listingDelisted, .listingOutOfStock: true
        case .coverageBelowTarget, .adapterDegraded, .noSuccessfulPass, .certificateExpiring: false
        }
    }
}
