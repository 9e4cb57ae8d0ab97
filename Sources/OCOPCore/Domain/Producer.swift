/// An OCOP "chủ thể": the cooperative, enterprise or household that holds certificates.
public struct Producer: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// `cooperative`, `cooperative_group`, `enterprise`, `household_business` or `other`.
    public var type: String
    public var region: Region
    public var phone: String?
    public var email: String?
    public var isSynthetic: Bool

    public init(
        id: String,
        name: String,
        type: String,
        region: Region = Region(),
        phone: String? = nil,
        email: String? = nil,
        isSynthetic: Bool = false
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.region = region
        self.phone = phone
        self.email = email
        self.isSynthetic = isSynthetic
    }

    public static let types: Set<String> = [
        "cooperative", "cooperative_group", "enterprise", "household_business", "other",
    ]
}
