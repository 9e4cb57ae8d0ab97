/// Civil date without a time zone, as printed on a decision (`YYYY-MM-DD`).
public typealias CivilDate = String

/// One OCOP certificate of one product (`research/catalog-schema.md` §1).
///
/// A value whose fields live in one shared, immutable box (``SharedFields``), so that a copy is
/// one reference: the catalog read for coverage, every product's verdict and the daemon's
/// previous report all hold the same products, and at 50,000 products each inline copy of the
/// fields cost 13 MB at the peak of publishing (docs/0012).
public struct Product: Sendable, Hashable, Codable, Identifiable {
    /// The certificate's fields, flat, as they are encoded (held as ``Layout``).
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

    /// Where a product sits in the programme: a province has a few dozen of these.
    struct Classification: Sendable, Hashable {
        var group: String
        var subgroup: String?
        var keyIndustry: String?
    }

    /// The decision that certified the product, which certifies dozens of products at once.
    struct Decision: Sendable, Hashable {
        var number: String?
        var date: CivilDate?
        var validUntil: CivilDate?
        var status: CertificateStatus
    }

    /// The fields as held: what many products repeat lives in boxes that a ``CatalogInterner``
    /// shares between them, so each product's own box holds three names, its stars and four
    /// references (98 bytes instead of 179: 4 MB at 50,000 products, docs/0012).
    struct Layout: Sendable, Hashable {
        var id: String
        var name: String
        var producerID: String
        var stars: Int
        var region: Region
        var classification: SharedFields<Classification>
        var decision: SharedFields<Decision>
        var ecommerceRequired: Bool
        var isSynthetic: Bool
    }

    private var shared: SharedFields<Layout>

    private var layout: Layout {
        get { shared.fields }
        set { shared.fields = newValue }
    }

    public var id: String {
        get { layout.id }
        set { layout.id = newValue }
    }
    public var name: String {
        get { layout.name }
        set { layout.name = newValue }
    }
    public var producerID: String {
        get { layout.producerID }
        set { layout.producerID = newValue }
    }
    /// 3, 4 or 5: lower ratings are not certified.
    public var stars: Int {
        get { layout.stars }
        set { layout.stars = newValue }
    }
    /// The OCOP group code, e.g. `I.5`.
    public var group: String {
        get { layout.classification.fields.group }
        set { layout.classification.fields.group = newValue }
    }
    public var subgroup: String? {
        get { layout.classification.fields.subgroup }
        set { layout.classification.fields.subgroup = newValue }
    }
    public var keyIndustry: String? {
        get { layout.classification.fields.keyIndustry }
        set { layout.classification.fields.keyIndustry = newValue }
    }
    public var region: Region {
        get { layout.region }
        set { layout.region = newValue }
    }
    public var decisionNumber: String? {
        get { layout.decision.fields.number }
        set { layout.decision.fields.number = newValue }
    }
    public var decisionDate: CivilDate? {
        get { layout.decision.fields.date }
        set { layout.decision.fields.date = newValue }
    }
    public var validUntil: CivilDate? {
        get { layout.decision.fields.validUntil }
        set { layout.decision.fields.validUntil = newValue }
    }
    public var status: CertificateStatus {
        get { layout.decision.fields.status }
        set { layout.decision.fields.status = newValue }
    }
    public var ecommerceRequired: Bool {
        get { layout.ecommerceRequired }
        set { layout.ecommerceRequired = newValue }
    }
    public var isSynthetic: Bool {
        get { layout.isSynthetic }
        set { layout.isSynthetic = newValue }
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
            Layout(
                id: id,
                name: name,
                producerID: producerID,
                stars: stars,
                region: region,
                classification: SharedFields(Classification(group: group, subgroup: subgroup, keyIndustry: keyIndustry)),
                decision: SharedFields(
                    Decision(number: decisionNumber, date: decisionDate, validUntil: validUntil, status: status)),
                ecommerceRequired: ecommerceRequired,
                isSynthetic: isSynthetic
            )
        )
    }

    private init(_ fields: Fields) {
        self.init(
            id: fields.id,
            name: fields.name,
            producerID: fields.producerID,
            stars: fields.stars,
            group: fields.group,
            subgroup: fields.subgroup,
            keyIndustry: fields.keyIndustry,
            region: fields.region,
            decisionNumber: fields.decisionNumber,
            decisionDate: fields.decisionDate,
            validUntil: fields.validUntil,
            status: fields.status,
            ecommerceRequired: fields.ecommerceRequired,
            isSynthetic: fields.isSynthetic
        )
    }

    /// The fields as one flat struct: what is encoded and what a mirror shows.
    private var fields: Fields {
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
    }

    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }

    /// This product holding the interners' instances of its region, classification and decision,
    /// the first of each equal one becoming the instance.
    func sharing(
        _ regions: inout Interner<Region>,
        _ classifications: inout Interner<SharedFields<Classification>>,
        _ decisions: inout Interner<SharedFields<Decision>>
    ) -> Product {
        var layout = layout
        layout.region = regions(layout.region)
        layout.classification = classifications(layout.classification)
        layout.decision = decisions(layout.decision)
        var product = self
        product.shared = SharedFields(layout)
        return product
    }
}

extension Product: CustomReflectable {
    /// The fields, as a plain struct would show them: test failures, logs and `dump` print the
    /// product, not its box.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: fields).children, displayStyle: .struct)
    }
}
