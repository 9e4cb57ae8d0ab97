/// An administrative location *as printed on the certificate*.
///
/// Regions are never rewritten after an administrative reform; reports group them instead
/// (see `research/catalog-schema.md` §0 and §4).
public struct Region: Sendable, Hashable, Codable {
    public var provinceCode: String?
    public var provinceName: String?
    public var districtCode: String?
    public var districtName: String?
    public var communeCode: String?
    public var communeName: String?
    /// The commune after the 2025 reform, when the catalog carries it.
    public var currentCommuneCode: String?

    public init(
        provinceCode: String? = nil,
        provinceName: String? = nil,
        districtCode: String? = nil,
        districtName: String? = nil,
        communeCode: String? = nil,
        communeName: String? = nil,
        currentCommuneCode: String? = nil
    ) {
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.districtCode = districtCode
        self.districtName = districtName
        self.communeCode = communeCode
        self.communeName = communeName
        self.currentCommuneCode = currentCommuneCode
    }

    /// The label a report groups by at district level: the name when known, else the code.
    public var districtLabel: String { districtName ?? districtCode ?? "(không rõ)" }
}
