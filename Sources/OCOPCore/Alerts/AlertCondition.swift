public import Foundation

/// Something that is true right now and worth an alert if it stays true: the output of
/// ``AlertEvaluator`` and the input of ``AlertLifecycle``.
///
/// Conditions carry no history. The lifecycle turns their presence and absence over consecutive
/// evaluations into `firing`, `reminder` and `resolved` events, de-duplicated by ``key``.
///
/// A value whose fields live in one shared, immutable box (``SharedFields``), so that a copy is
/// one reference: a national catalog has some 13,000 listing conditions, held at once by the
/// evaluation, the lifecycle's table and the events, and inline copies of their fields were
/// 8 MB at the peak of publishing (docs/0012).
public struct AlertCondition: Sendable, Hashable, Codable {
    private struct Fields: Sendable, Hashable, Codable {
        var key: String
        var kind: AlertKind
        var severity: AlertSeverity
        var message: AlertText
        var product: String?
        var listing: String?
        var region: String?
        var marketplace: MarketplaceID?
        var evidenceTime: Date?
    }

    private var shared: SharedFields<Fields>

    /// Stable identity across evaluations and restarts, e.g. `listing_delisted:P001:https://…`
    /// or `coverage_below_target:district:872`.
    public var key: String {
        get { shared.fields.key }
        set { shared.fields.key = newValue }
    }
    public var kind: AlertKind {
        get { shared.fields.kind }
        set { shared.fields.kind = newValue }
    }
    public var severity: AlertSeverity {
        get { shared.fields.severity }
        set { shared.fields.severity = newValue }
    }
    /// A short Vietnamese sentence, then its English translation, separated by ` / `.
    public var message: String {
        get { shared.fields.message.string }
        set { shared.fields.message = .written(newValue) }
    }

    /// The sentence as kept (``AlertText``): an event made from the condition keeps it so too.
    var text: AlertText { shared.fields.message }
    /// The product id, when the condition concerns one product or listing.
    public var product: String? {
        get { shared.fields.product }
        set { shared.fields.product = newValue }
    }
    /// The listing URL, when the condition concerns one listing.
    public var listing: String? {
        get { shared.fields.listing }
        set { shared.fields.listing = newValue }
    }
    /// The district label (name when known, else code), when the condition is about a place.
    public var region: String? {
        get { shared.fields.region }
        set { shared.fields.region = newValue }
    }
    public var marketplace: MarketplaceID? {
        get { shared.fields.marketplace }
        set { shared.fields.marketplace = newValue }
    }
    /// When the newest check behind the condition was made, for kinds concluded from checks
    /// (``AlertKind/isObservationDerived``): the lifecycle counts an evaluation towards firing
    /// only when this moved, so one check is one piece of evidence however often the daemon
    /// evaluates it.
    public var evidenceTime: Date? {
        get { shared.fields.evidenceTime }
        set { shared.fields.evidenceTime = newValue }
    }

    public init(
        key: String,
        kind: AlertKind,
        severity: AlertSeverity,
        message: String,
        product: String? = nil,
        listing: String? = nil,
        region: String? = nil,
        marketplace: MarketplaceID? = nil,
        evidenceTime: Date? = nil
    ) {
        self.init(
            key: key, kind: kind, severity: severity, text: .written(message), product: product, listing: listing,
            region: region, marketplace: marketplace, evidenceTime: evidenceTime)
    }

    init(
        key: String,
        kind: AlertKind,
        severity: AlertSeverity,
        text: AlertText,
        product: String? = nil,
        listing: String? = nil,
        region: String? = nil,
        marketplace: MarketplaceID? = nil,
        evidenceTime: Date? = nil
    ) {
        shared = SharedFields(
            Fields(
                key: key,
                kind: kind,
                severity: severity,
                message: text,
                product: product,
                listing: listing,
                region: region,
                marketplace: marketplace,
                evidenceTime: evidenceTime
            )
        )
    }

    /// Encoded flat, as before the fields were boxed: stored alert records read either way.
    public init(from decoder: any Decoder) throws {
        shared = SharedFields(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try shared.fields.encode(to: encoder)
    }

    /// The item a grouped event quotes: the listing URL, else the product, else the key.
    public var subject: String { listing ?? product ?? key }
}

extension AlertCondition: CustomReflectable {
    /// The fields, as a plain struct would show them: test failures, logs and `dump` print the
    /// condition, not its box.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "key": key, "kind": kind, "severity": severity, "message": message, "product": product as Any,
                "listing": listing as Any, "region": region as Any, "marketplace": marketplace as Any,
                "evidenceTime": evidenceTime as Any,
            ],
            displayStyle: .struct
        )
    }
}
