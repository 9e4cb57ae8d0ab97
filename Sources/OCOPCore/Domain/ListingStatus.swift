/// What one check of one listing concluded (DESIGN.md, "Listing status").
///
/// Only `active`, `outOfStock` and `delisted` say something about the listing itself; the other
/// three say that *we* could not look, and must never turn a covered product into an uncovered one.
public enum ListingStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case active
    case outOfStock = "out_of_stock"
    case delisted
    case blocked
    case unreachable
    case unparseable

    /// Whether this status is a statement about the listing (as opposed to about our ability to look).
    public var isConclusive: Bool {
        switch self {
        case .active, .outOfStock, .delisted: true
        case .blocked, .unreachable, .unparseable: false
        }
    }
}
