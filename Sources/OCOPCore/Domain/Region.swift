/// An administrative location *as printed on the certificate*.
///
/// Regions are never rewritten after an administrative reform; reports group them instead
/// (see `research/catalog-schema.md` §0 and §4).
///
/// A value whose fields live in one shared, immutable box (``SharedFields``), like ``Product``:
/// a province's products come from a few hundred communes, so a catalog read through a
/// ``CatalogInterner`` holds each region once instead of seven strings per product, 5 MB of the
/// publishing peak at 50,000 products (docs/0012).
public struct Region: Sendable, Hashable, Codable {
    /// The location's fields, as stored and encoded.
    private struct Fields: Sendable, Hashable, Codable {
        var provinceCode: String?
        var provinceName: String?
        var districtCode: String?
        var districtName: String?
        var communeCode: String?
        var communeName: String?
        var currentCommuneCode: String?
    }

    private var shared: SharedFields<Fields>

    private var fields: Fields {
        get { shared.fields }
        set { shared.fields = newValue }
    }

    public var provinceCode: String? {
        get { fields.provinceCode }
        set { fields.provinceCode = newValue }
    }
    public var provinceName: String? {
        get { fields.provinceName }
        set { fields.provinceName = newValue }
    }
    public var districtCode: String? {
        get { fields.districtCode }
        set { fields.districtCode = newValue }
    }
    public var districtName: String? {
        get { fields.districtName }
        set { fields.districtName = newValue }
    }
    public var communeCode: String? {
        get { fields.communeCode }
        set { fields.communeCode = newValue }
    }
    public var communeName: String? {
        get { fields.communeName }
        set { fields.communeName = newValue }
    }
    /// The commune after the 2025 reform, when the catalog carries it.
    public var currentCommuneCode: String? {
        get { fields.currentCommuneCode }
        set { fields.currentCommuneCode = newValue }
    }

    public init(
        provinceCode: String? = nil,
        provinceName: String? = nil,
        districtCode: String? = nil,
        districtName: String? = nil,
        communeCode: String? = nil,
        communeName: String? = nil,
        currentCommuneCode: String? = nil
    ) {
        shared = SharedFields(
            Fields(
                provinceCode: provinceCode,
                provinceName: provinceName,
                districtCode: districtCode,
                districtName: districtName,
                communeCode: communeCode,
                communeName: communeName,
                currentCommuneCode: currentCommuneCode
            )
        )
    }

    public init(from decoder: any Decoder) throws {
        shared = SharedFields(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }

    /// The label a report groups by at district level: the name when known, else the code.
    public var districtLabel: String {
        if let name = districtName ?? districtCode { return name }
        return isWithoutDistrict ? Self.noDistrictLabel : "(không rõ)"
    }

    /// What a report and a district digest group by: the district's code, else its label; the
    /// certificates without a district share the key `VN-2025`.
    public var districtKey: String {
        districtCode ?? districtName ?? (isWithoutDistrict ? "VN-2025" : districtLabel)
    }

    /// Certified in the 2025 units (only a current commune): there is no district to name.
    private var isWithoutDistrict: Bool { currentCommuneCode != nil && communeCode == nil }

    /// The district row of certificates issued after districts were abolished on 1 July 2025.
    public static let noDistrictLabel = "(sau 7/2025, không có huyện / after 7/2025, no district)"
}

extension Region: CustomReflectable {
    /// The fields, as a plain struct would show them: test failures, logs and `dump` print the
    /// region, not its box.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: fields).children, displayStyle: .struct)
    }
}
