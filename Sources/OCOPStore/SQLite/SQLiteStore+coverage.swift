import Foundation
import GRDB
public import OCOPCore

extension SQLiteStore {
    public func coverageInput() async throws(StoreError) -> CoverageInput {
        try await read { db in
            let producers = try Self.decodeAll(
                db,
                Self.select(Self.producerColumns, from: "producers") + " WHERE removed_at IS NULL ORDER BY id",
                Self.producer
            )
            let products = try Self.decodeAll(
                db,
                Self.select(Self.productColumns, from: "products") + " WHERE removed_at IS NULL ORDER BY id",
                Self.product
            )
            let listings = try Self.decodeAll(db, Self.listingFactsQuery, Self.listingFacts)
            return CoverageInput(producers: producers, products: products, listings: listings)
        }
    }

    public func evidence(where isIncluded: @escaping @Sendable (ListingFacts) -> Bool) async throws(StoreError)
        -> [ListingEvidence]
    {
        try await read { db in
            let observation = try db.cachedStatement(
                sql: "SELECT \(Self.observationColumns.joined(separator: ", ")) FROM observations WHERE id = ?"
            )
            func fetch(_ id: Int64?, listing: ListingKey) throws -> Observation? {
                guard let id, let row = try Row.fetchOne(observation, arguments: [id]) else { return nil }
                return Self.observation(row, at: 0, listing: listing)
            }
            var evidence: [ListingEvidence] = []
            let rows = try Row.fetchCursor(db, sql: Self.listingFactsQuery)
            while let row = try rows.next() {
                let facts = Self.listingFacts(row)
                guard isIncluded(facts) else { continue }
                let listing = Listing(
                    productID: facts.productID,
                    marketplace: facts.marketplace,
                    url: row[5],
                    sellerRelation: facts.sellerRelation
                )
                let latestID = row[6] as Int64?
                let conclusiveID = row[7] as Int64?
                let latest = try fetch(latestID, listing: listing.key)
                let conclusive = conclusiveID == latestID ? latest : try fetch(conclusiveID, listing: listing.key)
                evidence.append(ListingEvidence(listing: listing, latest: latest, latestConclusive: conclusive))
            }
            return evidence
        }
    }

    /// Every current listing in key order with its latest conclusive status and time, found
    /// through `listing_latest` and the observations' primary key; the URL and the observation
    /// ids come last, read only for the listings whose observations are wanted.
    static let listingFactsQuery = """
        SELECT l.product_id, l.marketplace, l.seller_relation, c.status, c.checked_at,
            l.url, s.latest_id, s.conclusive_id
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
