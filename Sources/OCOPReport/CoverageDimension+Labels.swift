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

    /// What a row's products are, where they are not what the headline counts: said under the
    /// table and the chart, since the column headings are the same.
    var basisNote: String? {
        switch self {
        case .marketplace:
            "Mỗi dòng chỉ xét các sản phẩm có tin đăng trên sàn đó, theo tin đăng của sàn đó; các dòng không "
                + "cộng lại thành tổng của tỉnh / Each row counts the products listed on that marketplace, judged "
                + "on its listings alone; the rows do not add up to the province"
        case .region, .commune, .stars, .group, .industry, .producer:
            nil
        }
    }

    /// Said under a table whose producer column counts a producer in every row its products fall
    /// in: an officer adding up that column would find more producers than the province has. (The
    /// charts show products alone.)
    var producerCountNote: String? {
        switch self {
        case .region, .commune:
            Self.producerCountNote("ở nhiều nơi", "ở mỗi nơi", "in several places")
        case .stars:
            Self.producerCountNote("thuộc nhiều hạng sao", "ở mỗi hạng", "at several star levels")
        case .group:
            Self.producerCountNote("thuộc nhiều nhóm sản phẩm", "ở mỗi nhóm", "in several product groups")
        case .industry:
            Self.producerCountNote("thuộc nhiều ngành", "ở mỗi ngành", "in several industries")
        case .marketplace, .producer:
            nil
        }
    }

    private static func producerCountNote(_ several: String, _ each: String, _ english: String) -> String {
        "Chủ thể có sản phẩm \(several) được tính \(each), theo sản phẩm ở đó / A producer with products \(english) "
            + "counts in each, by its products there"
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
