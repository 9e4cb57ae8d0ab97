import Foundation
import GRDB
import OCOPCore
import Synchronization

extension SQLiteStore {
    public func coverage(rules: CoverageRules, now: Date) async throws(StoreError) -> CountedCoverage {
        try await read { db in
            let version = try Self.coverageInputVersion(db)
            let products = try self.products(db, lastImport: version.lastImport)
            var counter = CoverageCounter(rules: rules, products: products, now: now)
            do {
                let rows = try Row.fetchCursor(db, sql: Self.listingFactsQuery)
                while let row = try rows.next() { try counter.add(Self.listingFacts(row)) }
            } catch is CoverageCounter.OrderError {
                // Product ids SQLite orders otherwise than Swift (not in NFC): counted again
                // from every listing's facts, sorted by the counter.
                counter = CoverageCounter(
                    rules: rules, products: products, now: now, counting: try Self.decodeAll(db, Self.listingFactsQuery, Self.listingFacts))
            }
            var interner = CatalogInterner()
            let producers = try Self.inIDOrder(db, Self.producerColumns, from: "producers", id: \.id) {
                Self.producer($0, interning: &interner)
            }
            // The walk over every listing filled this reader's page cache (2 MB) for the rest of
            // a publication.
            db.releaseMemory()
            let validUntil = counter.validUntil
            return CountedCoverage(
                report: counter.report(producers: producers),
                producers: producers,
                products: products,
                version: version,
                validUntil: validUntil
            )
        }
    }

    /// The current products, sorted by id: those of the last call while no import has changed
    /// them since (every change to the catalog commits with its `catalog_imports` row, in the
    /// transaction `db` reads a snapshot of).
    private func products(_ db: Database, lastImport: Int64) throws -> [Product] {
        if let cached = currentProducts.withLock({ $0 }), cached.lastImport == lastImport {
            return cached.products
        }
        var interner = CatalogInterner()
        let products = try Self.inIDOrder(db, Self.productColumns, from: "products", id: \.id) {
            Self.product($0, interning: &interner)
        }
        currentProducts.withLock { $0 = (lastImport, products) }
        return products
    }

    /// The current records of `table`, sorted by id.
    ///
    /// Read in the table's own order, which is the order of import and usually already the id
    /// order, then sorted when it is not: `ORDER BY id` would walk the id index and look each
    /// row up again, which costs twice as much as reading the table through.
    private static func inIDOrder<Value>(
        _ db: Database,
        _ columns: [String],
        from table: String,
        id: (Value) -> String,
        _ decode: (Row) throws -> Value
    ) throws -> [Value] {
        var values: [Value] = []
        // Rows are flagged as removed, never deleted: the largest rowid bounds the count.
        values.reserveCapacity(try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM \(table)") ?? 0)
        let rows = try Row.fetchCursor(db, sql: select(columns, from: table) + " WHERE removed_at IS NULL")
        while let row = try rows.next() { values.append(try decode(row)) }
        if !values.isAscending(by: id) {
            values.sort { id($0) < id($1) }
        }
        return values
    }

    /// Every current listing in key order with its latest conclusive status and time, found
    /// through `listing_latest` and the observations' primary key.
    static let listingFactsQuery = """
        SELECT l.product_id, l.marketplace, l.seller_relation, c.status, c.checked_at
        FROM listings l
        LEFT JOIN listing_latest s ON s.product_id = l.product_id AND s.url = l.url
        LEFT JOIN observations c ON c.id = s.conclusive_id
        WHERE l.removed_at IS NULL
        ORDER BY l.product_id, l.url
        """

    /// The facts of a row of ``listingFactsQuery``.
    static func listingFacts(_ row: Row) -> ListingFacts {
        var conclusive: ListingFacts.Check?
        if let status = row[3] as String?, let checkedAt = row[4] as Double? {
            // Written by this type from the same enum; the schema guard keeps newer values out.
            conclusive = ListingFacts.Check(
                status: ListingStatus(rawValue: status) ?? .unparseable,
                checkedAt: Date(timeIntervalSince1970: checkedAt)
            )
        }
        return ListingFacts(
            productID: row[0],
            marketplace: MarketplaceID(rawValue: row[1]),
            sellerRelation: SellerRelation(rawValue: row[2]) ?? .unknown,
            conclusive: conclusive
        )
    }
}
