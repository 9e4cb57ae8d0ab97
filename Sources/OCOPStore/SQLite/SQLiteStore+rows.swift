import Foundation
import GRDB
import OCOPCore

/// Conversions between domain values and rows.
extension SQLiteStore {
    typealias Values = [(any DatabaseValueConvertible)?]

    /// Separates the strings of `Verdict.evidence` in one `TEXT` cell: decoding a JSON array per
    /// row would dominate ``evidence()`` on a large catalog.
    static let evidenceSeparator: Character = "\u{1F}"

    static func regionValues(_ region: Region) -> Values {
        [
            region.provinceCode, region.provinceName, region.districtCode, region.districtName, region.communeCode,
            region.communeName, region.currentCommuneCode,
        ]
    }

    static func region(_ row: Row) -> Region {
        Region(
            provinceCode: row["province_code"],
            provinceName: row["province_name"],
            districtCode: row["district_code"],
            districtName: row["district_name"],
            communeCode: row["commune_code"],
            communeName: row["commune_name"],
            currentCommuneCode: row["current_commune_code"]
        )
    }

    static func producer(_ row: Row) -> Producer {
        Producer(
            id: row["id"],
            name: row["name"],
            type: row["type"],
            region: region(row),
            phone: row["phone"],
            email: row["email"],
            isSynthetic: row["is_synthetic"]
        )
    }

    static func product(_ row: Row) -> Product {
        Product(
            id: row["id"],
            name: row["name"],
            producerID: row["producer_id"],
            stars: row["stars"],
            group: row["ocop_group"],
            subgroup: row["ocop_subgroup"],
            keyIndustry: row["key_industry"],
            region: region(row),
            decisionNumber: row["decision_number"],
            decisionDate: row["decision_date"],
            validUntil: row["valid_until"],
            // Written by this type from the same enum; the schema guard keeps newer values out.
            status: CertificateStatus(rawValue: row["status"]) ?? .active,
            ecommerceRequired: row["ecommerce_required"],
            isSynthetic: row["is_synthetic"]
        )
    }

    static func listing(_ row: Row) -> Listing {
        Listing(
            productID: row["product_id"],
            marketplace: MarketplaceID(rawValue: row["marketplace"]),
            url: row["url"],
            sellerRelation: SellerRelation(rawValue: row["seller_relation"]) ?? .unknown
        )
    }

    /// The values of ``observationColumns`` for one observation.
    static func observationValues(_ observation: Observation) -> Values {
        let verdict = observation.verdict
        return [
            observation.checkedAt.timeIntervalSince1970, observation.marketplace.rawValue, verdict.status.rawValue,
            verdict.reason, verdict.title, verdict.priceVND, verdict.originalPriceVND, verdict.seller, verdict.stock,
            verdict.sold, verdict.itemID,
            verdict.evidence.isEmpty ? nil : verdict.evidence.joined(separator: String(evidenceSeparator)),
            observation.httpStatus, observation.finalURL, observation.elapsedMilliseconds, observation.error,
        ]
    }

    /// The observation whose ``observationColumns`` start at column `start`, or `nil` when they
    /// are `NULL` (an outer join without a match).
    static func observation(_ row: Row, at start: Int, listing: ListingKey) -> Observation? {
        guard let checkedAt = row[start] as Double? else { return nil }
        let evidence =
            (row[start + 11] as String?)?.split(separator: evidenceSeparator, omittingEmptySubsequences: false)
            .map(String.init) ?? []
        let verdict = Verdict(
            status: ListingStatus(rawValue: row[start + 2]) ?? .unparseable,
            reason: row[start + 3],
            title: row[start + 4],
            priceVND: row[start + 5],
            originalPriceVND: row[start + 6],
            seller: row[start + 7],
            stock: row[start + 8],
            sold: row[start + 9],
            itemID: row[start + 10],
            evidence: evidence
        )
        return Observation(
            listing: listing,
            marketplace: MarketplaceID(rawValue: row[start + 1]),
            checkedAt: Date(timeIntervalSince1970: checkedAt),
            verdict: verdict,
            httpStatus: row[start + 12],
            finalURL: row[start + 13],
            elapsedMilliseconds: row[start + 14],
            error: row[start + 15]
        )
    }

    /// `observationColumns` qualified by a table alias, for joins.
    static func observationColumns(of alias: String) -> String {
        observationColumns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }
}
