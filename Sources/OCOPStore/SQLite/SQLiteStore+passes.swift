public import Foundation
import GRDB
public import OCOPCore

extension SQLiteStore {
    public func beginPass(startedAt: Date, kind: String) async throws(StoreError) -> PassID {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO passes (kind, started_at) VALUES (?, ?)",
                arguments: [kind, startedAt.timeIntervalSince1970]
            )
            return PassID(rawValue: db.lastInsertedRowID)
        }
    }

    public func record(_ observations: [Observation], pass: PassID) async throws(StoreError) {
        let path = path
        try await write { db in
            try Self.requireOpenPass(pass, path: path, db: db)
            let insert = try DirectStatement(db, sql: Self.insertObservationSQL)
            var first: Int64?
            // A listing met earlier in this batch: `listing_latest` does not know that record yet.
            var recordedInBatch: [ListingKey: Int64] = [:]
            recordedInBatch.reserveCapacity(observations.count)
            var totals: [MarketplaceID: [ListingStatus: Int]] = [:]
            for observation in observations {
                let previous = recordedInBatch[observation.listing]
                try insert.execute { Self.bind(observation, pass: pass, previous: previous, to: &$0) }
                if first == nil { first = db.lastInsertedRowID }
                recordedInBatch[observation.listing] = db.lastInsertedRowID
                totals[observation.marketplace, default: [:]][observation.status, default: 0] += 1
            }
            for (marketplace, counts) in totals {
                for (status, count) in counts {
                    try db.cachedStatement(sql: Self.addToTotalsSQL).execute(arguments: [
                        marketplace.rawValue, status.rawValue, count,
                    ])
                }
            }
            // One statement for the batch, in C: the rows just inserted, in id order, so a listing
            // checked twice in one batch ends at its later check. This transaction is the only
            // writer, so `first...last` holds exactly its rows.
            if let first {
                try db.cachedStatement(sql: Self.trackLatestSQL).execute(arguments: [first, db.lastInsertedRowID])
            }
            try db.execute(
                sql: "UPDATE passes SET observation_count = observation_count + ? WHERE id = ?",
                arguments: [observations.count, pass.rawValue]
            )
        }
    }

    static let addToTotalsSQL = """
        INSERT INTO check_totals (marketplace, status, count) VALUES (?, ?, ?)
        ON CONFLICT (marketplace, status) DO UPDATE SET count = count + excluded.count
        """

    public func checkTotals() async throws(StoreError) -> [MarketplaceID: [ListingStatus: Int]] {
        try await read { db in
            var totals: [MarketplaceID: [ListingStatus: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT marketplace, status, count FROM check_totals") {
                guard let status = ListingStatus(rawValue: row["status"]) else { continue }
                totals[MarketplaceID(row["marketplace"] as String), default: [:]][status] = row["count"]
            }
            return totals
        }
    }

    /// The observation's row. Its last value is the listing's previous record when this batch
    /// made it; otherwise `listing_latest` names it (or nothing, for a first check).
    static let insertObservationSQL: String = {
        let columns = ["pass_id", "product_id", "url"] + observationColumns
        let marks = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let previous = "IFNULL(?\(columns.count + 1), (SELECT recorded_id FROM listing_latest WHERE product_id = ?2 AND url = ?3))"
        return "INSERT INTO observations (\(columns.joined(separator: ", ")), previous_id) VALUES (\(marks), \(previous))"
    }()

    /// The values of ``insertObservationSQL``: the pass, the listing key, ``observationColumns``,
    /// then the previous record if this batch made it.
    private static func bind(
        _ observation: Observation,
        pass: PassID,
        previous: Int64?,
        to parameters: inout DirectStatement.Parameters
    ) {
        let verdict = observation.verdict
        parameters.bind(pass.rawValue)
        parameters.bind(observation.listing.productID)
        parameters.bind(observation.listing.url)
        parameters.bind(observation.checkedAt.timeIntervalSince1970)
        parameters.bind(observation.marketplace.rawValue)
        parameters.bind(verdict.status.rawValue)
        parameters.bind(verdict.reason)
        parameters.bind(verdict.title)
        parameters.bind(verdict.priceVND)
        parameters.bind(verdict.originalPriceVND)
        parameters.bind(verdict.seller)
        parameters.bind(verdict.stock)
        parameters.bind(verdict.sold)
        parameters.bind(verdict.itemID)
        parameters.bind(verdict.evidence.isEmpty ? nil : verdict.evidence.joined(separator: String(evidenceSeparator)))
        parameters.bind(observation.httpStatus)
        parameters.bind(observation.finalURL)
        parameters.bind(observation.elapsedMilliseconds)
        parameters.bind(observation.error)
        parameters.bind(previous.map(Int.init))
    }

    /// Brings `listing_latest` up to date with the observations whose ids lie between the two
    /// arguments. Unqualified columns in DO UPDATE are the stored row's: a newer (or equally
    /// recent, later recorded) observation replaces the latest; only a conclusive one replaces
    /// the latest conclusive; the last recorded, where the history's chain starts, is always the
    /// row of the batch with the highest id.
    static let trackLatestSQL: String = {
        let conclusive = ListingStatus.allCases.filter(\.isConclusive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            INSERT INTO listing_latest (product_id, url, latest_id, latest_at, conclusive_id, conclusive_at, recorded_id)
            SELECT product_id, url, id, checked_at,
                CASE WHEN status IN (\(conclusive)) THEN id END,
                CASE WHEN status IN (\(conclusive)) THEN checked_at END,
                id
            FROM observations WHERE id BETWEEN ? AND ? ORDER BY id
            ON CONFLICT (product_id, url) DO UPDATE SET
                recorded_id = excluded.recorded_id,
                latest_id = CASE WHEN excluded.latest_at >= latest_at
                    THEN excluded.latest_id ELSE latest_id END,
                latest_at = MAX(excluded.latest_at, latest_at),
                conclusive_id = CASE WHEN excluded.conclusive_id IS NOT NULL
                    AND (conclusive_at IS NULL OR excluded.conclusive_at >= conclusive_at)
                    THEN excluded.conclusive_id ELSE conclusive_id END,
                conclusive_at = CASE WHEN excluded.conclusive_id IS NOT NULL
                    AND (conclusive_at IS NULL OR excluded.conclusive_at >= conclusive_at)
                    THEN excluded.conclusive_at ELSE conclusive_at END
            """
    }()

    public func finishPass(
        _ id: PassID,
        endedAt: Date,
        counts: [ListingStatus: Int],
        error: String?
    ) async throws(StoreError) {
        let path = path
        try await write { db in
            try Self.requireOpenPass(id, path: path, db: db)
            let tally = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
            let json = String(decoding: try JSONEncoder().encode(tally), as: UTF8.self)
            try db.execute(
                sql: "UPDATE passes SET ended_at = ?, counts = ?, error = ? WHERE id = ?",
                arguments: [endedAt.timeIntervalSince1970, json, error, id.rawValue]
            )
        }
    }

    public func passes(limit: Int) async throws(StoreError) -> [PassRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM passes ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.pass)
        }
    }

    public func lastCompletedPass() async throws(StoreError) -> PassRecord? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM passes WHERE ended_at IS NOT NULL AND error IS NULL ORDER BY id DESC LIMIT 1"
            ).map(Self.pass)
        }
    }

    public func lastSuccessfulPass() async throws(StoreError) -> PassRecord? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM passes WHERE ended_at IS NOT NULL AND error IS NULL AND \(Self.concludedSomething) "
                    + "ORDER BY id DESC LIMIT 1"
            ).map(Self.pass)
        }
    }

    /// Whether a pass concluded something from a marketplace's answer: its `counts` (JSON, by
    /// status) hold a conclusive check, and one of its observations is not a closed marketplace's
    /// (whose `delisted` the calendar decides, whatever the network did).
    static let concludedSomething: String = {
        let conclusive = ListingStatus.allCases.filter(\.isConclusive).map(\.rawValue)
        let terms = conclusive.map { "IFNULL(json_extract(counts, '$.\($0)'), 0)" }
        let statuses = conclusive.map { "'\($0)'" }.joined(separator: ", ")
        return "(\(terms.joined(separator: " + ")) > 0 AND EXISTS (SELECT 1 FROM observations o "
            + "WHERE o.pass_id = passes.id AND o.status IN (\(statuses)) "
            + "AND IFNULL(o.reason, '') <> '\(Verdict.marketplaceClosedReason)'))"
    }()

    public func evidence() async throws(StoreError) -> [ListingEvidence] {
        try await read { db in try Self.evidence(db) }
    }

    public func evidence(ofProducts products: Set<String>) async throws(StoreError) -> [ListingEvidence] {
        let productsJSON = Self.jsonArray(products.sorted())
        return try await read { db in
            let evidence = try Self.evidence(
                db, filter: "AND l.product_id IN (SELECT value FROM json_each(?))", arguments: [productsJSON])
            // The walk over every listing filled this reader's page cache for the rest of a publication.
            db.releaseMemory()
            return evidence
        }
    }

    public func concludedListings(ofProducts products: Set<String>, orConcluded statuses: Set<ListingStatus>)
        async throws(StoreError) -> [ConcludedListing]
    {
        let productsJSON = Self.jsonArray(products.sorted())
        let statusesJSON = Self.jsonArray(statuses.map(\.rawValue).sorted())
        return try await read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.product_id, l.url, l.marketplace, l.seller_relation, c.status, c.reason, c.checked_at
                    FROM listings l
                    JOIN listing_latest s ON s.product_id = l.product_id AND s.url = l.url
                    JOIN observations c ON c.id = s.conclusive_id
                    WHERE l.removed_at IS NULL
                        AND (l.product_id IN (SELECT value FROM json_each(?))
                            OR c.status IN (SELECT value FROM json_each(?)))
                    ORDER BY l.product_id, l.url
                    """,
                arguments: [productsJSON, statusesJSON]
            )
            var concluded: [ConcludedListing] = []
            while let row = try cursor.next() {
                concluded.append(
                    ConcludedListing(
                        listing: Self.listing(row),
                        // Written by this type from the same enum; the schema guard keeps newer values out.
                        status: ListingStatus(rawValue: row[4]) ?? .unparseable,
                        reason: row[5],
                        checkedAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:))
                    )
                )
            }
            // The walk filled this reader's page cache (2 MB) for the rest of a publication.
            db.releaseMemory()
            return concluded
        }
    }

    /// Every current listing with its latest and latest conclusive observations, in key order,
    /// read in one walk; `filter` adds conditions on `l` (listing), `s` (listing_latest), `a`
    /// (latest) and `c` (conclusive, when not the latest), and rows it drops are not decoded.
    private static func evidence(
        _ db: Database,
        filter: String = "",
        arguments: StatementArguments = []
    ) throws -> [ListingEvidence] {
        let width = observationColumns.count
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT l.product_id, l.url, l.marketplace, l.seller_relation, s.latest_id, s.conclusive_id,
                    \(observationColumns(of: "a")), \(observationColumns(of: "c"))
                FROM listings l
                LEFT JOIN listing_latest s ON s.product_id = l.product_id AND s.url = l.url
                LEFT JOIN observations a ON a.id = s.latest_id
                LEFT JOIN observations c ON c.id = s.conclusive_id AND s.conclusive_id != s.latest_id
                WHERE l.removed_at IS NULL \(filter)
                ORDER BY l.product_id, l.url
                """,
            arguments: arguments
        )
        var evidence: [ListingEvidence] = []
        while let row = try cursor.next() {
            let listing = listing(row)
            let latest = observation(row, at: 6, listing: listing.key)
            let sameObservation = (row[4] as Int64?) == (row[5] as Int64?)
            let conclusive = sameObservation ? latest : observation(row, at: 6 + width, listing: listing.key)
            evidence.append(ListingEvidence(listing: listing, latest: latest, latestConclusive: conclusive))
        }
        return evidence
    }

    /// A JSON array of strings, for `json_each(?)`: one argument however many values.
    private static func jsonArray(_ values: [String]) -> String {
        var json = JSONWriter(layout: .compact)
        json.strings(values)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// Walks the listing's chain back from its last record, `limit` records deep: a few lookups
    /// by id, whatever the size of the history.
    public func history(for listing: ListingKey, limit: Int) async throws(StoreError) -> [Observation] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE chain(id, depth) AS (
                        SELECT recorded_id, 1 FROM listing_latest WHERE product_id = ? AND url = ?
                        UNION ALL
                        SELECT o.previous_id, chain.depth + 1 FROM chain JOIN observations o ON o.id = chain.id
                        WHERE o.previous_id IS NOT NULL AND chain.depth < ?
                    )
                    SELECT \(Self.observationColumns.joined(separator: ", ")) FROM observations
                    WHERE id IN (SELECT id FROM chain)
                    ORDER BY checked_at DESC, id DESC
                    """,
                arguments: [listing.productID, listing.url, limit]
            ).compactMap { Self.observation($0, at: 0, listing: listing) }
        }
    }

    private static func requireOpenPass(_ id: PassID, path: String, db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT ended_at FROM passes WHERE id = ?", arguments: [id.rawValue])
        else {
            throw StoreError.unknownPass(id, path: path)
        }
        if (row[0] as Double?) != nil {
            throw StoreError.passFinished(id, path: path)
        }
    }

    private static func pass(_ row: Row) throws -> PassRecord {
        var counts: [ListingStatus: Int] = [:]
        if let json = row["counts"] as String? {
            for (status, count) in try JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) {
                if let status = ListingStatus(rawValue: status) { counts[status] = count }
            }
        }
        return PassRecord(
            id: PassID(rawValue: row["id"]),
            kind: row["kind"],
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            counts: counts,
            error: row["error"],
            observationCount: row["observation_count"]
        )
    }
}
