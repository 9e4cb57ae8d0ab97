/// The OCOP product classification a certificate was issued under, and the codes it defines.
///
/// Certificates carry the tree of the decision in force when they were issued, so a catalog
/// mixes versions (docs/0005). The 2023 tree (QĐ 148/QĐ-TTg) is known here code by code and
/// checks a catalog's groups and subgroups; QĐ 26/2026 keeps the same 6 sectors and 26 criteria
/// sets, so it shares the tree until its official text says otherwise. The 2019 tree
/// (QĐ 1048/QĐ-TTg) used other names whose codes were never published as a table, so its codes are
/// only checked for shape.
public enum OCOPClassification: String, Sendable, CaseIterable {
    case qd1048of2019 = "QD1048-2019"
    case qd148of2023 = "QD148-2023"
    case qd26of2026 = "QD26-2026"

    /// What a catalog without a `classification_version` column means (the schema's default).
    public static let `default` = OCOPClassification.qd148of2023

    /// The groups of the tree with their Vietnamese names, or `nil` when the tree is not known
    /// code by code.
    public var groups: [String: String]? {
        switch self {
        case .qd148of2023, .qd26of2026: Self.groups2023
        case .qd1048of2019: nil
        }
    }

    /// The subgroup codes of the tree, or `nil` when the tree is not known code by code. A group
    /// that prefixes none of them has no subgroups.
    public var subgroups: Set<String>? {
        switch self {
        case .qd148of2023, .qd26of2026: Self.subgroups2023
        case .qd1048of2019: nil
        }
    }

    /// How the decision is cited in Vietnamese documents, for messages.
    public var citation: String {
        switch self {
        case .qd1048of2019: "QĐ 1048/QĐ-TTg (2019)"
        case .qd148of2023: "QĐ 148/QĐ-TTg (2023)"
        case .qd26of2026: "QĐ 26/2026/QĐ-TTg"
        }
    }

    private static let groups2023: [String: String] = [
        "I.1": "Thực phẩm tươi sống",
        "I.2": "Thực phẩm thô, sơ chế",
        "I.3": "Thực phẩm chế biến",
        "I.4": "Gia vị",
        "I.5": "Chè",
        "I.6": "Cà phê, ca cao",
        "II.1": "Đồ uống có cồn",
        "II.2": "Đồ uống không cồn",
        "III.1": "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
        "III.2": "Mỹ phẩm có thành phần từ dược liệu",
        "III.3": "Tinh dầu và dược liệu khác",
        "IV.1": "Thủ công mỹ nghệ gia dụng, trang trí",
        "IV.2": "Vải, may mặc",
        "V.1": "Hoa",
        "V.2": "Cây cảnh",
        "V.3": "Động vật cảnh",
        "VI.1": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    ]

    private static let subgroups2023: Set<String> = [
        "I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d", "I.4.a", "I.4.b",
        "I.5.a", "I.5.b", "II.1.a", "II.1.b", "II.2.a", "II.2.b",
    ]
}
