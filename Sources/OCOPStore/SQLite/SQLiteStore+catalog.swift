public import Foundation
import GRDB
public import OCOPCore

extension SQLiteStore {
    public func importCatalog(
        _ catalog: Catalog,
        source: String,
        at date: Date
    ) async throws(StoreError) -> ImportSummary {
        let path = path
        return try await write { db in
            var interner = CatalogInterner()
            let diff = try CatalogDiff(
                storedProducers: Dictionary(
                    uniqueKeysWithValues: try Self.decodeAll(db, Self.select(Self.producerColumns, from: "producers")) {
                        let producer = Self.producer($0, interning: &interner)
                        return (producer.id, CatalogDiff.Stored(value: producer, isRemoved: Self.isRemoved($0)))
                    }
                ),
                storedProducts: Dictionary(
                    uniqueKeysWithValues: try Self.decodeAll(db, Self.select(Self.productColumns, from: "products")) {
                        let product = Self.product($0, interning: &interner)
                        return (product.id, CatalogDiff.Stored(value: product, isRemoved: Self.isRemoved($0)))
                    }
                ),
                storedListings: Dictionary(
                    uniqueKeysWithValues: try Self.decodeAll(db, Self.select(Self.listingColumns, from: "listings")) {
                        let listing = Self.listing($0)
                        return (listing.key, CatalogDiff.Stored(value: listing, isRemoved: Self.isRemoved($0)))
                    }
                ),
                incoming: catalog,
                path: path
            )
            guard diff.writesRows else { return diff.summary }
            try Self.apply(diff, at: date.timeIntervalSince1970, db: db)
            // Only listings flagged that were not checked any more: nothing an officer would call
            // an import.
            guard diff.summary.hasChanges else { return diff.summary }
            let summary = String(decoding: try JSONEncoder().encode(diff.summary), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO catalog_imports (source, imported_at, summary) VALUES (?, ?, ?)",
                arguments: [source, date.timeIntervalSince1970, summary]
            )
            return diff.summary
        }
    }

    /// A listing the catalog still has: not removed, and of a product that is not either. An
    /// import without a listings file leaves the stored listings as they are, so a product it
    /// removes keeps its listings; they are not checked (every pass would fetch them for
    /// nothing), and come back with the product.
    static let currentListing = """
        removed_at IS NULL AND EXISTS (SELECT 1 FROM products p WHERE p.id = listings.product_id AND p.removed_at IS NULL)
        """

    public func catalog() async throws(StoreError) -> Catalog {
        try await read { db in
            var interner = CatalogInterner()
            return Catalog(
                producers: try Self.decodeAll(
                    db,
                    Self.select(Self.producerColumns, from: "producers") + " WHERE removed_at IS NULL ORDER BY id"
                ) { Self.producer($0, interning: &interner) },
                products: try Self.decodeAll(
                    db,
                    Self.select(Self.productColumns, from: "products") + " WHERE removed_at IS NULL ORDER BY id"
                ) { Self.product($0, interning: &interner) },
                listings: try Self.decodeAll(
                    db,
                    Self.select(Self.listingColumns, from: "listings") + " WHERE \(Self.currentListing) ORDER BY product_id, url",
                    Self.listing
                )
            )
        }
    }

    public func listings(after key: ListingKey?, limit: Int) async throws(StoreError) -> [Listing] {
        try await read { db in
            // Row-value comparison walks the (product_id, url) primary key from where the last page ended.
            let after = key == nil ? "" : " AND (product_id, url) > (?, ?)"
            let rows = try Row.fetchCursor(
                db,
                sql: Self.select(Self.listingColumns, from: "listings")
                    + " WHERE \(Self.currentListing)\(after) ORDER BY product_id, url LIMIT ?",
                arguments: StatementArguments(key.map { [$0.productID, $0.url] } ?? []) + [limit]
            )
            var page: [Listing] = []
            page.reserveCapacity(limit)
            while let row = try rows.next() { page.append(Self.listing(row)) }
            return page
        }
    }

    public func listingCounts() async throws(StoreError) -> [MarketplaceID: Int] {
        try await read { db in
            var counts: [MarketplaceID: Int] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT marketplace, COUNT(*) FROM listings WHERE \(Self.currentListing) GROUP BY marketplace")
            while let row = try rows.next() { counts[MarketplaceID(rawValue: row[0])] = row[1] }
            return counts
        }
    }

    public func imports(limit: Int) async throws(StoreError) -> [ImportRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT source, imported_at, summary FROM catalog_imports ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                ImportRecord(
                    source: row["source"],
                    importedAt: Date(timeIntervalSince1970: row["imported_at"]),
                    summary: try JSONDecoder().decode(ImportSummary.self, from: Data((row["summary"] as String).utf8))
                )
            }
        }
    }

    private static func apply(_ diff: CatalogDiff, at time: Double, db: Database) throws {
        let regionColumns = Self.regionColumns.joined(separator: ", ")
        let regionUpdates = Self.regionColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let regionMarks = Array(repeating: "?", count: Self.regionColumns.count).joined(separator: ", ")

        let upsertProducer = try db.cachedStatement(
            sql: """
                INSERT INTO producers (id, name, type, \(regionColumns), phone, email, is_synthetic,
                    added_at, updated_at, removed_at)
                VALUES (?, ?, ?, \(regionMarks), ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, \(regionUpdates),
                    phone = excluded.phone, email = excluded.email, is_synthetic = excluded.is_synthetic,
                    updated_at = excluded.updated_at, removed_at = NULL
                """
        )
        for producer in diff.producers {
            let values: Values = [producer.id, producer.name, producer.type]
            let rest: Values = [producer.phone, producer.email, producer.isSynthetic, time, time]
            try upsertProducer.execute(arguments: StatementArguments(values + regionValues(producer.region) + rest))
        }

        let upsertProduct = try db.cachedStatement(
            sql: """
                INSERT INTO products (id, name, producer_id, stars, ocop_group, ocop_subgroup, key_industry,
                    \(regionColumns), decision_number, decision_date, valid_until, status, ecommerce_required,
                    is_synthetic, added_at, updated_at, removed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, \(regionMarks), ?, ?, ?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, producer_id = excluded.producer_id,
                    stars = excluded.stars, ocop_group = excluded.ocop_group, ocop_subgroup = excluded.ocop_subgroup,
                    key_industry = excluded.key_industry, \(regionUpdates),
                    decision_number = excluded.decision_number, decision_date = excluded.decision_date,
                    valid_until = excluded.valid_until, status = excluded.status,
                    ecommerce_required = excluded.ecommerce_required, is_synthetic = excluded.is_synthetic,
                    updated_at = excluded.updated_at, removed_at = NULL
                """
        )
        for product in diff.products {
            let values: Values = [
                product.id, product.name, product.producerID, product.stars, product.group, product.subgroup,
                product.keyIndustry,
            ]
            let rest: Values = [
                product.decisionNumber, product.decisionDate, product.validUntil, product.status.rawValue,
                product.ecommerceRequired, product.isSynthetic, time, time,
            ]
            try upsertProduct.execute(arguments: StatementArguments(values + regionValues(product.region) + rest))
        }

        let upsertListing = try db.cachedStatement(
            sql: """
                INSERT INTO listings (product_id, url, marketplace, seller_relation, added_at, updated_at, removed_at)
                VALUES (?, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (product_id, url) DO UPDATE SET marketplace = excluded.marketplace,
                    seller_relation = excluded.seller_relation, updated_at = excluded.updated_at, removed_at = NULL
                """
        )
        for listing in diff.listings {
            try upsertListing.execute(arguments: [
                listing.productID, listing.url, listing.marketplace.rawValue, listing.sellerRelation.rawValue, time,
                time,
            ])
        }

        let removeListing = try db.cachedStatement(
            sql: "UPDATE listings SET removed_at = ? WHERE product_id = ? AND url = ?"
        )
        for key in diff.removedListings {
            try removeListing.execute(arguments: [time, key.productID, key.url])
        }
        let removeProduct = try db.cachedStatement(sql: "UPDATE products SET removed_at = ? WHERE id = ?")
        for id in diff.removedProducts {
            try removeProduct.execute(arguments: [time, id])
        }
        let removeProducer = try db.cachedStatement(sql: "UPDATE producers SET removed_at = ? WHERE id = ?")
        for id in diff.removedProducers {
            try removeProducer.execute(arguments: [time, id])
        }
    }
}
