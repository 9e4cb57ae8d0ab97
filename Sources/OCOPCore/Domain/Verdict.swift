/// What an adapter read from one response: the status plus the facts that support it.
///
/// Absent facts are `nil`, never `0`: "price unknown" and "free" are different statements.
public struct Verdict: Sendable, Hashable, Codable {
    public var status: ListingStatus
    /// A short machine-readable reason, e.g. `not_found`, `captcha`, `marketplace_closed`.
    public var reason: String?
    public var title: String?
    public var priceVND: Int?
    public var originalPriceVND: Int?
    public var seller: String?
    public var stock: Int?
    public var sold: Int?
    public var itemID: String?
    /// What was matched on the page, for `check` and `coverage --explain`.
    public var evidence: [String]

    /// The reason of a listing on a marketplace the config says has closed (Sendo): a verdict the
    /// calendar reached, not the marketplace's answer, so it never shows that a pass could see.
    public static let marketplaceClosedReason = "marketplace_closed"

    public init(
        status: ListingStatus,
        reason: String? = nil,
        title: String? = nil,
        priceVND: Int? = nil,
        originalPriceVND: Int? = nil,
        seller: String? = nil,
        stock: Int? = nil,
        sold: Int? = nil,
        itemID: String? = nil,
        evidence: [String] = []
    ) {
        self.status = status
        self.reason = reason
        self.title = title
        self.priceVND = priceVND
        self.originalPriceVND = originalPriceVND
        self.seller = seller
        self.stock = stock
        self.sold = sold
        self.itemID = itemID
        self.evidence = evidence
    }
}
