/// Something that is true right now and worth an alert if it stays true: the output of
/// ``AlertEvaluator`` and the input of ``AlertLifecycle``.
///
/// Conditions carry no history. The lifecycle turns their presence and absence over consecutive
/// evaluations into `firing`, `reminder` and `resolved` events, de-duplicated by ``key``.
public struct AlertCondition: Sendable, Hashable, Codable {
    /// Stable identity across evaluations and restarts, e.g. `listing_delisted:P001:https://…`
    /// or `coverage_below_target:district:872`.
    public var key: String
    public var kind: AlertKind
    public var severity: AlertSeverity
    /// A short Vietnamese sentence, then its English translation, separated by ` / `.
    public var message: String
    /// The product id, when the condition concerns one product or listing.
    public var product: String?
    /// The listing URL, when the condition concerns one listing.
    public var listing: String?
    /// The district label (name when known, else code), when the condition is about a place.
    public var region: String?
    public var marketplace: MarketplaceID?

    public init(
        key: String,
        kind: AlertKind,
        severity: AlertSeverity,
        message: String,
        product: String? = nil,
        listing: String? = nil,
        region: String? = nil,
        marketplace: MarketplaceID? = nil
    ) {
        self.key = key
        self.kind = kind
        self.severity = severity
        self.message = message
        self.product = product
        self.listing = listing
        self.region = region
        self.marketplace = marketplace
    }

    /// The item a grouped event quotes: the listing URL, else the product, else the key.
    public var subject: String { listing ?? product ?? key }
}
