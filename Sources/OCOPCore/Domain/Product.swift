/// Civil date without a time zone, as printed on a decision (`YYYY-MM-DD`).
public typealias CivilDate = String

/// One OCOP certificate of one product (`research/catalog-schema.md` §1).
///
/// A value whose fields live in one shared, immutable box (``SharedFields``), so that a copy is
/// one reference: the catalog read for coverage, every product's verdict and the daemon's
/// previous report all hold the same products, and at 50,000 products each inline copy of the
/// fields cost 13 MB at the peak of publishing (docs/0012).
public struct Product: Sendable, Hashable, Codable, Identifiable {
    /// The certificate's fields, as stored and encoded.
    private struct Fields: Sendable, Hashable, Codable {
        var id: String
        var name: String
        var producerID: String
        var stars: Int
        var group: String
        var subgroup: String?
        var keyIndustry: String?
        var region: Region
        var decisionNumber: String?
        var decisionDate: CivilDate?
        var validUntil: CivilDate?
        var status: CertificateStatus
        var ecommerceRequired: Bool
        var isSynthetic: Bool
    }

    private var shared: SharedFields<Fields>

    private var fields: Fields {
        get { shared.fields }
        set { shared.fields = newValue }
    }

    public var id: String {
        get { fields.id }
        set { fields.id = newValue }
    }
    public var name: String {
        get { fields.name }
        set { fields.name = newValue }
    }
    public var producerID: String {
        get { fields.producerID }
        set { fields.producerID = newValue }
    }
    /// 3, 4 or 5: lower ratings are not certified.
    public var stars: Int {
        get { fields.stars }
        set { fields.stars = newValue }
    }
    /// The OCOP group code, e.g. `I.5`.
    public var group: String {
        get { fields.group }
        set { fields.group = newValue }
    }
    public var subgroup: String? {
        get { fields.subgroup }
        set { fields.subgroup = newValue }
    }
    public var keyIndustry: String? {
        get { fields.keyIndustry }
        set { fields.keyIndustry = newValue }
    }
    public var region: Region {
        get { fields.region }
        set { fields.region = newValue }
    }
    public var decisionNumber: String? {
        get { fields.decisionNumber }
        set { fields.decisionNumber = newValue }
    }
    public var decisionDate: CivilDate? {
        get { fields.decisionDate }
        set { fields.decisionDate = newValue }
    }
    public var validUntil: CivilDate? {
        get { fields.validUntil }
        set { fields.validUntil = newValue }
    }
    public var status: CertificateStatus {
        get { fields.status }
        set { fields.status = newValue }
    }
    public var ecommerceRequired: Bool {
        get { fields.ecommerceRequired }
        set { fields.ecommerceRequired = newValue }
    }
    public var isSynthetic: Bool {
        get { fields.isSynthetic }
        set { fields.isSynthetic = newValue }
    }

    public init(
        id: String,
        name: String,
        producerID: String,
        stars: Int,
        group: String,
        subgroup: String? = nil,
        keyIndustry: String? = nil,
        region: Region = Region(),
        decisionNumber: String? = nil,
        decisionDate: CivilDate? = nil,
        validUntil: CivilDate? = nil,
        status: CertificateStatus = .active,
        ecommerceRequired: Bool = true,
        isSynthetic: Bool = false
    ) {
        shared = SharedFields(
            Fields(
                id: id,
                name: name,
                producerID: producerID,
                stars: stars,
                group: group,
                subgroup: subgroup,
                keyIndustry: keyIndustry,
                region: region,
                decisionNumber: decisionNumber,
                decisionDate: decisionDate,
                validUntil: validUntil,
                status: status,
                ecommerceRequired: ecommerceRequired,
                isSynthetic: isSynthetic
            )
        )
    }

    public init(from decoder: any Decoder) throws {
        shared = SharedFields(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}

extension Product: CustomReflectable {
    /// The fields, as a plain struct would show them: test failures, logs and `dump` print the
    /// product, not its box.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: fields).children, displayStyle: .struct)
    }
}
