import Foundation

/// A column the importer reads, named as in `research/catalog-schema.md` (§1, §2, §5).
///
/// Headers are matched case-insensitively after NFC, with spaces, hyphens and underscores treated
/// alike, against the English name and the Vietnamese labels an office actually types. Columns not
/// listed here are ignored, so a sheet may carry any extra columns it likes.
enum CatalogColumn: String, CaseIterable {
    case productID = "product_id"
    case productName = "product_name"
    case entityID = "entity_id"
    case entityName = "entity_name"
    case entityType = "entity_type"
    case starRating = "star_rating"
    case certificationLevel = "certification_level"
    case ocopSector = "ocop_sector"
    case ocopGroup = "ocop_group"
    case ocopSubgroup = "ocop_subgroup"
    case classificationVersion = "classification_version"
    case keyIndustry = "key_industry"
    case decisionNumber = "decision_no"
    case decisionDate = "decision_date"
    case validFrom = "valid_from"
    case validUntil = "valid_until"
    case status
    case adminSet = "admin_set_as_issued"
    case provinceCode = "province_uid_as_issued"
    case provinceName = "province_name_as_issued"
    case districtCode = "district_uid_as_issued"
    case legacyDistrictCode = "legacy_district_code"
    case districtName = "district_name_as_issued"
    case communeCode = "commune_uid_as_issued"
    case communeName = "commune_name_as_issued"
    case currentCommuneCode = "current_commune_uid"
    case ecommerceRequired = "ecommerce_required"
    case isSynthetic = "is_synthetic"
    case phone
    case email
    case platform
    case listingURL = "listing_url"
    case sellerRelation = "seller_relation"

    /// Other spellings of the header: schema synonyms (`*_as_registered` in the producers file)
    /// and the Vietnamese labels.
    var aliases: [String] {
        switch self {
        case .productID: ["Mã sản phẩm (nội bộ)", "Mã sản phẩm"]
        case .productName: ["Tên sản phẩm"]
        case .entityID: ["producer_id", "Mã chủ thể"]
        case .entityName: ["producer_name", "Tên chủ thể"]
        case .entityType: ["producer_type", "Loại hình chủ thể", "Loại hình"]
        case .starRating: ["stars", "Hạng sao", "Số sao"]
        case .certificationLevel: ["Cấp công nhận"]
        case .ocopSector: ["Ngành"]
        case .ocopGroup: ["Nhóm", "Nhóm sản phẩm"]
        case .ocopSubgroup: ["Phân nhóm"]
        case .classificationVersion: ["Phiên bản phân loại"]
        case .keyIndustry: ["Ngành hàng chủ lực"]
        case .decisionNumber: ["decision_number", "Số quyết định"]
        case .decisionDate: ["Ngày quyết định"]
        case .validFrom: ["Hiệu lực từ"]
        case .validUntil: ["Hiệu lực đến"]
        case .status: ["Trạng thái"]
        case .adminSet: ["admin_set_as_registered", "Bộ ĐVHC khi công nhận"]
        case .provinceCode:
            ["province_uid_as_registered", "province_code", "Mã tỉnh khi công nhận", "Mã tỉnh"]
        case .provinceName:
            ["province_name_as_registered", "province_name", "province", "Tên tỉnh (theo QĐ)", "Tên tỉnh", "Tỉnh"]
        case .districtCode:
            ["district_uid_as_registered", "district_code", "Mã huyện khi công nhận", "Mã huyện"]
        case .legacyDistrictCode: ["Mã huyện cũ"]
        case .districtName:
            ["district_name_as_registered", "district_name", "district", "Tên huyện (theo QĐ)", "Tên huyện", "Huyện"]
        case .communeCode:
            ["commune_uid_as_registered", "commune_code", "Mã xã khi công nhận", "Mã xã"]
        case .communeName:
            ["commune_name_as_registered", "commune_name", "commune", "Tên xã (theo QĐ)", "Tên xã", "Xã"]
        case .currentCommuneCode: ["current_commune_code", "Mã xã hiện hành"]
        case .ecommerceRequired: ["Thuộc chỉ tiêu TMĐT"]
        case .isSynthetic: ["Dữ liệu giả lập"]
        case .phone: ["Điện thoại", "Số điện thoại"]
        case .email: ["Thư điện tử"]
        case .platform: ["marketplace", "Sàn", "Sàn TMĐT"]
        case .listingURL: ["url", "link", "Đường dẫn"]
        case .sellerRelation: ["Quan hệ người bán"]
        }
    }

    /// Whether the cell holds free text or an identifier, where a leading `=`, `+`, `-` or `@`
    /// can only be a spreadsheet formula (vocabulary, number and date cells fail their own checks).
    var holdsText: Bool {
        switch self {
        case .starRating, .certificationLevel, .ocopSector, .ocopGroup, .ocopSubgroup, .classificationVersion,
            .decisionDate, .validFrom, .validUntil, .status, .entityType, .ecommerceRequired, .isSynthetic, .platform,
            .sellerRelation, .adminSet:
            false
        default:
            true
        }
    }

    /// How the schema and error messages name the column: the English name, then the
    /// Vietnamese label when there is one.
    var displayName: String {
        guard let label = aliases.first(where: { $0.unicodeScalars.contains { !$0.isASCII } }) else {
            return rawValue
        }
        return "\(rawValue) (\"\(label)\")"
    }

    /// The column a header cell names, or `nil` for a column the importer does not read.
    init?(header: String) {
        let key = Self.matchKey(header)
        guard let column = Self.byKey[key] else { return nil }
        self = column
    }

    private static let byKey: [String: CatalogColumn] = {
        var table: [String: CatalogColumn] = [:]
        for column in allCases {
            for name in [column.rawValue] + column.aliases {
                table[matchKey(name)] = column
            }
        }
        return table
    }()

    /// Lowercased NFC with runs of spaces, hyphens and underscores folded to one `_`.
    static func matchKey(_ header: String) -> String {
        let lowered = header.canonicallyComposed.lowercased()
        var key = ""
        var pendingSeparator = false
        for character in lowered {
            if character == " " || character == "_" || character == "-" || character.isWhitespace {
                pendingSeparator = !key.isEmpty
            } else {
                if pendingSeparator { key.append("_") }
                pendingSeparator = false
                key.append(character)
            }
        }
        return key
    }
}
