import Foundation

/// A catalog of a few products, one producer each, with one Tiki listing per product: small
/// enough that a pass against a faulty mock takes a second or two.
enum TikiCatalog {
    /// Writes `producers.csv`, `products.csv` and `listings.csv` into `directory`.
    ///
    /// - Parameter tikiItems: One product and one listing per item id; the product id is
    ///   `TEST-P-<item>`, the listing `https://tiki.vn/hang-thu-p<item>.html`.
    /// - Returns: The three paths.
    static func write(to directory: URL, tikiItems: [String]) throws -> [String] {
        let producers =
            ["entity_id,entity_name,entity_type,legal_form,district_uid_as_registered,is_synthetic"]
            + tikiItems.map { "TEST-E-\($0),HTX Thử nghiệm \($0),cooperative,HTX,VN-2019:D:872,true" }
        let products =
            [
                "product_id,product_name,entity_id,entity_name,star_rating,certification_level,ocop_sector,ocop_group,"
                    + "ocop_subgroup,key_industry,decision_no,decision_date,valid_from,valid_until,status,"
                    + "province_uid_as_issued,district_uid_as_issued,district_name_as_issued,commune_name_as_issued,"
                    + "legacy_district_code,is_synthetic"
            ]
            + tikiItems.map { item in
                "TEST-P-\(item),Hạt sen sấy \(item),TEST-E-\(item),HTX Thử nghiệm \(item),4,provincial,I,I.3,I.3.c,lotus,"
                    + "1446/QĐ-UBND-HC,2024-01-10,2024-01-10,2030-01-10,active,VN-2019:P:87,VN-2019:D:872,Tháp Mười,"
                    + "Mỹ Hòa,872,true"
            }
        let listings =
            ["listing_id,product_id,platform,listing_url,seller_relation"]
            + tikiItems.map { "TEST-L-\($0),TEST-P-\($0),tiki,https://tiki.vn/hang-thu-p\($0).html,own_shop" }
        var paths: [String] = []
        for (name, lines) in [("producers.csv", producers), ("products.csv", products), ("listings.csv", listings)] {
            let url = directory.appendingPathComponent(name)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        return paths
    }
}
