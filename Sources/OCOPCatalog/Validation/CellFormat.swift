import Foundation
import OCOPCore

/// The parsers for typed cells. Each returns the value or a ``CellProblem`` saying what to write.
enum CellFormat {
    static let sectors = ["I", "II", "III", "IV", "V", "VI"]

    /// 3, 4 or 5; `"4 sao"` and `"4★"` are accepted as typed by hand.
    static func starRating(_ text: String) throws(CellProblem) -> Int {
        var digits = text.lowercased()
        for suffix in ["sao", "★"] where digits.hasSuffix(suffix) {
            digits = String(digits.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        guard let stars = Int(digits), (3...5).contains(stars) else {
            throw CellProblem("\(CellProblem.quote(text)) is not a star rating (3, 4 or 5)")
        }
        return stars
    }

    /// Whether the certificate was issued by the province or the ministry: `true` for national.
    static func isNationalLevel(_ text: String) throws(CellProblem) -> Bool {
        switch CatalogColumn.matchKey(text) {
        case "national", "cấp_quốc_gia", "quốc_gia": return true
        case "provincial", "cấp_tỉnh", "tỉnh": return false
        default:
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a certification level; "
                    + "write provincial (cấp tỉnh) or national (cấp quốc gia)"
            )
        }
    }

    /// A sector code `I` … `VI`.
    static func sector(_ text: String) throws(CellProblem) -> String {
        guard sectors.contains(text) else {
            throw CellProblem("\(CellProblem.quote(text)) is not an OCOP sector; write I, II, III, IV, V or VI")
        }
        return text
    }

    /// The classification a certificate was issued under: `QD148-2023`, `QD1048-2019` or
    /// `QD26-2026` (`QĐ` and spaces accepted).
    static func classification(_ text: String) throws(CellProblem) -> OCOPClassification {
        func key(_ text: String) -> String {
            CatalogColumn.matchKey(text).replacingOccurrences(of: "đ", with: "d").filter { $0 != "_" }
        }
        guard let version = OCOPClassification.allCases.first(where: { key($0.rawValue) == key(text) }) else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a classification version; write "
                    + OCOPClassification.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        return version
    }

    /// A group code: sector, a dot and the group number, e.g. `I.5`, that `classification` defines
    /// when it is known code by code (`nil`: the version's own cell was wrong, so only the shape
    /// is checked).
    static func group(_ text: String, in classification: OCOPClassification?) throws(CellProblem) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, (try? group(parts.prefix(2).joined(separator: "."), in: nil)) != nil {
            throw CellProblem(
                "\(CellProblem.quote(text)) is a subgroup; write the group (\(parts.prefix(2).joined(separator: "."))) "
                    + "here and the subgroup in ocop_subgroup"
            )
        }
        guard parts.count == 2, sectors.contains(String(parts[0])), let number = Int(parts[1]),
            (1...9).contains(number), parts[1].count == 1
        else {
            throw CellProblem("\(CellProblem.quote(text)) is not an OCOP group; write it like I.5 or IV.1")
        }
        if let classification, let groups = classification.groups, !groups.contains(text) {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a group of \(classification.citation), which has "
                    + groupRanges(groups) + "; correct the group, or write the certificate's "
                    + "classification_version if it was issued under another decision"
            )
        }
        return text
    }

    /// `I.1–I.6, II.1–II.2, …`: the groups of each sector, numbered from 1 without gaps.
    private static func groupRanges(_ groups: some Collection<String>) -> String {
        sectors.map { sector in
            let last = groups.filter { $0.hasPrefix(sector + ".") }.count
            return last == 1 ? "\(sector).1" : "\(sector).1–\(sector).\(last)"
        }
        .joined(separator: ", ")
    }

    /// A subgroup of `group` (`I.5.b`), or `nil` when the cell repeats the group itself, as sheets
    /// do for groups without subgroups (`I.6`). Checked against `classification` like ``group(_:in:)``.
    static func subgroup(_ text: String, of group: String?, in classification: OCOPClassification?) throws(CellProblem)
        -> String?
    {
        if text == group { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, (try? Self.group(parts.prefix(2).joined(separator: "."), in: nil)) != nil,
            parts[2].count == 1, let letter = parts[2].first, ("a"..."z").contains(letter)
        else {
            throw CellProblem("\(CellProblem.quote(text)) is not an OCOP subgroup; write it like I.5.b")
        }
        if let group, parts.prefix(2).joined(separator: ".") != group {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a subgroup of group \(group); correct ocop_subgroup or ocop_group"
            )
        }
        if let classification, let subgroups = classification.subgroups, !subgroups.contains(text) {
            let siblings = subgroups.filter { $0.hasPrefix(parts.prefix(2).joined(separator: ".") + ".") }.sorted()
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a subgroup of \(classification.citation); "
                    + (siblings.isEmpty
                        ? "group \(parts.prefix(2).joined(separator: ".")) has no subgroups there, so leave the cell empty"
                        : "write one of \(siblings.joined(separator: ", "))")
            )
        }
        return text
    }

    /// A civil date written `YYYY-MM-DD` that exists on the calendar.
    static func date(_ text: String) throws(CellProblem) -> CivilDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a date written YYYY-MM-DD (e.g. 2022-12-29); "
                    + "format the column as yyyy-mm-dd before exporting"
            )
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else {
            throw CellProblem("\(CellProblem.quote(text)) is not a day on the calendar; check the month and day")
        }
        return text
    }

    static func certificateStatus(_ text: String) throws(CellProblem) -> CertificateStatus {
        let key = CatalogColumn.matchKey(text)
        if let status = CertificateStatus(rawValue: key) { return status }
        let labels: [String: CertificateStatus] = [
            "còn_hiệu_lực": .active, "hết_hiệu_lực": .expired, "bị_thu_hồi": .revoked, "thu_hồi": .revoked,
            "đã_được_thay_thế": .superseded, "đã_thay_thế": .superseded, "tạm_đình_chỉ": .suspended,
        ]
        if let status = labels[key] { return status }
        throw CellProblem(
            "\(CellProblem.quote(text)) is not a certificate status; write "
                + CertificateStatus.allCases.map(\.rawValue).joined(separator: ", ")
        )
    }

    /// A producer type from `Producer.types`, or its Vietnamese label.
    static func producerType(_ text: String) throws(CellProblem) -> String {
        let key = CatalogColumn.matchKey(text)
        if Producer.types.contains(key) { return key }
        let labels: [String: String] = [
            "hợp_tác_xã": "cooperative", "htx": "cooperative", "tổ_hợp_tác": "cooperative_group",
            "tht": "cooperative_group", "doanh_nghiệp": "enterprise", "công_ty": "enterprise",
            "hộ_kinh_doanh": "household_business", "hộ_sản_xuất_kinh_doanh": "household_business",
            "hộ_sản_xuất": "household_business", "khác": "other",
        ]
        if let type = labels[key] { return type }
        throw CellProblem(
            "\(CellProblem.quote(text)) is not a producer type; write "
                + Producer.types.sorted().joined(separator: ", ")
        )
    }

    /// `true`/`false` as spreadsheets and people write them.
    static func flag(_ text: String) throws(CellProblem) -> Bool {
        switch CatalogColumn.matchKey(text) {
        case "true", "yes", "1", "x", "có", "đúng": return true
        case "false", "no", "0", "không", "sai": return false
        default: throw CellProblem("\(CellProblem.quote(text)) is not true or false; write true or false")
        }
    }

    /// The admin sets a uid may name (`research/catalog-schema.md` §4).
    static let adminSets: Set<Substring> = ["VN-2019", "VN-2025"]
    /// The units after the reform of 1 July 2025: provinces and communes, no districts.
    static let reformedAdminSet = "VN-2025"

    /// `VN-2019` or `VN-2025`, as the schema writes them (case and spaces forgiven).
    static func adminSet(_ text: String) throws(CellProblem) -> String {
        let key = text.uppercased().filter { !$0.isWhitespace }
        guard let set = adminSets.first(where: { String($0) == key }) else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not an administrative set; write VN-2019 (the units before "
                    + "1 July 2025) or VN-2025")
        }
        return String(set)
    }

    /// A GSO code (`872`) or a uid from the schema (`VN-2019:D:872`), returned as the bare code.
    ///
    /// GSO codes have a fixed width (province 2 digits, district 3, commune 5): a shorter one is
    /// usually a spreadsheet that dropped leading zeros (`1` for Hà Nội's `01`).
    ///
    /// - Parameters:
    ///   - level: `P`, `D` or `C`: the level a uid must carry.
    ///   - unit: `province`, `district` or `commune`, for the message.
    ///   - example: A sample code for the message.
    static func unitCode(_ text: String, level: Character, unit: String, example: String) throws(CellProblem)
        -> String
    {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let code: Substring
        switch parts.count {
        case 1: code = parts[0]
        case 3 where parts[1] == String(level) && adminSets.contains(parts[0]): code = parts[2]
        default: code = ""
        }
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a \(unit) code; write the GSO code (e.g. \(example)) "
                    + "or a uid such as VN-2019:\(level):\(example), and put names in the name column"
            )
        }
        guard code.count == example.count else {
            throw CellProblem(
                "\(CellProblem.quote(text)) is not a \(unit) code: GSO \(unit) codes have \(example.count) digits "
                    + "(e.g. \(example)); format the column as text so that leading zeros are kept"
            )
        }
        return String(code)
    }

    /// A phone number as written, refused when it is digits alone without the leading `0` (or
    /// `84`) every Vietnamese number has: a spreadsheet that read the column as numbers dropped it.
    static func phone(_ text: String) throws(CellProblem) -> String {
        let digits = text.filter { !" .-()".contains($0) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), !digits.hasPrefix("0"),
            !digits.hasPrefix("84")
        else { return text }
        throw CellProblem(
            "\(CellProblem.quote(text)) is not a Vietnamese phone number: they start with 0 (e.g. 0912 345 678) "
                + "or +84; format the column as text so that the leading zero is kept, and type it again"
        )
    }

    static func sellerRelation(_ text: String) throws(CellProblem) -> SellerRelation {
        if let relation = SellerRelation(rawValue: CatalogColumn.matchKey(text)) { return relation }
        throw CellProblem(
            "\(CellProblem.quote(text)) is not a seller relation; write "
                + SellerRelation.allCases.map(\.rawValue).joined(separator: ", ")
        )
    }
}
