/// Civil date without a time zone, as printed on a decision (`YYYY-MM-DD`).
public typealias CivilDate = String

/// One OCOP certificate of one product (`research/catalog-schema.md` §1).
public struct Product: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var producerID: String
    /// 3, 4 or 5: lower ratings are not certified.
    public var stars: Int
    /// The OCOP group code, e.g. `I.5`.
    public var group: String
    public var subgroup: String?
    public var keyIndustry: String?
    public var region: Region
    public var decisionNumber: String?
    public var decisionDate: CivilDate?
    public var validUntil: CivilDate?
    public var status: CertificateStatus
    public var ecommerceRequired: Bool
    public var isSynthetic: Bool

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
        self.id = id
        self.name = name
        self.producerID = producerID
        self.stars = stars
        self.group = group
        self.subgroup = subgroup
        self.keyIndustry = keyIndustry
        self.region = region
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.validUntil = validUntil
        self.status = status
        self.ecommerceRequired = ecommerceRequired
        self.isSynthetic = isSynthetic
    }
}
