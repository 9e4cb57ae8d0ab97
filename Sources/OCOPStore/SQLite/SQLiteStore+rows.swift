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

    /// The columns ``producer(_:)`` reads, in its order; `removed_at` last, for ``isRemoved(_:)``.
    static let producerColumns = ["id", "name", "type"] + regionColumns + ["phone", "email", "is_synthetic", "removed_at"]

    /// The columns ``product(_:)`` reads, in its order; `removed_at` last.
    static let productColumns =
        ["id", "name", "producer_id", "stars", "ocop_group", "ocop_subgroup", "key_industry"] + regionColumns
        + ["decision_number", "decision_date", "valid_until", "status", "ecommerce_required", "is_synthetic", "removed_at"]

    /// The columns ``listing(_:)`` reads, in its order; `removed_at` last.
    static let listingColumns = ["product_id", "url", "marketplace", "seller_relation", "removed_at"]

    /// The region whose ``regionColumns`` start at column `start`.
    ///
    /// Rows are read by position, not by name: a name lookup per cell dominated loading a large catalog.
    static func region(_ row: Row, at start: Int) -> Region {
        Region(
            provinceCode: row[start],
            provinceName: row[start + 1],
            districtCode: row[start + 2],
            districtName: row[start + 3],
            communeCode: row[start + 4],
            communeName: row[start + 5],
            currentCommuneCode: row[start + 6]
        )
    }

    /// `SELECT` of `columns` from `table`.
    static func select(_ columns: [String], from table: String) -> String {
        "SELECT \(columns.joined(separator: ", ")) FROM \(table)"
    }

    /// Decodes each row of `sql` as it is stepped: no array of rows in between, whose copies of
    /// every cell would double the memory of loading a large catalog. `expectedCount` sizes the
    /// array once, which growing by doubling would hold twice at its last step.
    static func decodeAll<Value>(
        _ db: Database,
        _ sql: String,
        expectedCount: Int = 0,
        _ decode: (Row) throws -> Value
    ) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(expectedCount)
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() { values.append(try decode(row)) }
        return values
    }

    /// A producer from a row of ``producerColumns``, its region shared through `interner`.
    static func producer(_ row: Row, interning interner: inout CatalogInterner) -> Producer {
        let after = 3 + regionColumns.count
        return Producer(
            id: row[0],
            name: row[1],
            type: row[2],
            region: interner.region(region(row, at: 3)),
            phone: row[after],
            email: row[after + 1],
            isSynthetic: row[after + 2]
        )
    }

    /// A product from a row of ``productColumns``, its region, classification and decision shared
    /// through `interner`.
    static func product(_ row: Row, interning interner: inout CatalogInterner) -> Product {
        let after = 7 + regionColumns.count
        let product = Product(
            id: row[0],
            name: row[1],
            producerID: row[2],
            stars: row[3],
            group: row[4],
            subgroup: row[5],
            keyIndustry: row[6],
            region: region(row, at: 7),
            decisionNumber: row[after],
            decisionDate: row[after + 1],
            validUntil: row[after + 2],
            // Written by this type from the same enum; the schema guard keeps newer values out.
            status: CertificateStatus(rawValue: row[after + 3]) ?? .active,
            ecommerceRequired: row[after + 4],
            isSynthetic: row[after + 5]
        )
        return interner.product(product)
    }

    /// A listing from a row of ``listingColumns``.
    static func listing(_ row: Row) -> Listing {
        Listing(
            productID: row[0],
            marketplace: MarketplaceID(rawValue: row[2]),
            url: row[1],
            sellerRelation: SellerRelation(rawValue: row[3]) ?? .unknown
        )
    }

    /// Whether the record of a row of ``producerColumns``, ``productColumns`` or ``listingColumns``
    /// is flagged as removed (`removed_at`, their last column, is set).
    static func isRemoved(_ row: Row) -> Bool {
        (row[row.count - 1] as Double?) != nil
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
