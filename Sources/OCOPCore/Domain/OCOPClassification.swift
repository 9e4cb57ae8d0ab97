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

    /// The group codes of the tree, or `nil` when the tree is not known code by code.
    public var groups: Set<String>? {
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

    /// `research/catalog-schema.md` §3.2: I.1–I.6 food, II.1–II.2 drinks, III.1–III.3 herbal,
    /// IV.1–IV.2 handicrafts, V.1–V.3 ornamental, VI.1 tourism.
    private static let groups2023: Set<String> = [
        "I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "II.1", "II.2", "III.1", "III.2", "III.3", "IV.1", "IV.2",
        "V.1", "V.2", "V.3", "VI.1",
    ]

    private static let subgroups2023: Set<String> = [
        "I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d", "I.4.a", "I.4.b",
        "I.5.a", "I.5.b", "II.1.a", "II.1.b", "II.2.a", "II.2.b",
    ]
}
