import OCOPCore

extension CoverageDimension {
    /// The dimension's name in Vietnamese, lower case, as in "theo huyện".
    var vietnameseName: String {
        switch self {
        case .region: "huyện"
        case .commune: "xã"
        case .stars: "hạng sao"
        case .group: "nhóm sản phẩm"
        case .industry: "ngành"
        case .marketplace: "sàn"
        case .producer: "chủ thể"
        }
    }

    /// The dimension's name in English, lower case.
    var englishName: String {
        switch self {
        case .region: "district"
        case .commune: "commune"
        case .stars: "star level"
        case .group: "product group"
        case .industry: "industry"
        case .marketplace: "marketplace"
        case .producer: "producer"
        }
    }

    /// A column heading, e.g. `Huyện / District`.
    var columnTitle: String {
        "\(vietnameseName.prefix(1).uppercased())\(vietnameseName.dropFirst()) / "
            + "\(englishName.prefix(1).uppercased())\(englishName.dropFirst())"
    }

    /// A section heading, e.g. `Theo huyện / By district`.
    var sectionTitle: String { "Theo \(vietnameseName) / By \(englishName)" }

    /// What a row counts, where it is not what the headline counts: said under the table and
    /// the chart, since the column headings are the same.
    var basisNote: String? {
        switch self {
        case .marketplace:
            "Mỗi dòng chỉ xét các sản phẩm có tin đăng trên sàn đó, theo tin đăng của sàn đó; các dòng không "
                + "cộng lại thành tổng của tỉnh / Each row counts the products listed on that marketplace, judged "
                + "on its listings alone; the rows do not add up to the province"
        case .region, .commune:
            "Chủ thể có sản phẩm ở nhiều nơi được tính ở mỗi nơi, theo sản phẩm ở đó / A producer with products "
                + "in several places counts in each, by its products there"
        case .stars, .group, .industry, .producer:
            nil
        }
    }

    /// Whether a row's key is an official code worth its own column (district and commune
    /// codes, producer ids) rather than a spelling of the label (`4` for `4★`).
    var keyIsCode: Bool {
        switch self {
        case .region, .commune, .producer: true
        case .stars, .group, .industry, .marketplace: false
        }
    }
}
