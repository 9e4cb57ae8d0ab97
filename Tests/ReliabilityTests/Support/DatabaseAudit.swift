import Foundation
import GRDB

/// What an auditor reads from an OCOP Watch database after a crash: whether SQLite finds it
/// intact, the passes and their observation counts, and a digest of every observation row so a
/// later audit can prove that none committed earlier was lost or altered.
struct DatabaseAudit: Sendable {
    struct Pass: Sendable {
        var id: Int64
        var finished: Bool
        var error: String?
        var observations: Int

        var completed: Bool { finished && error == nil }
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's list of damage.
    var integrity: String
    /// The tables of the schema that exist: all of them, or none when creation was cut short
    /// (the migration is one transaction).
    var tables: Set<String>
    var passes: [Pass]
    var observationCount: Int
    var lastObservationID: Int64
    var products: Int
    var listings: Int
    private let path: String

    init(path: String) throws {
        self.path = path
        let queue = try DatabaseQueue(path: path)
        (integrity, tables, passes, observationCount, lastObservationID, products, listings) = try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                .intersection(Self.schemaTables)
            guard tables == Self.schemaTables else { return (integrity, tables, [], 0, 0, 0, 0) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, p.ended_at IS NOT NULL AS finished, p.error,
                           (SELECT COUNT(*) FROM observations o WHERE o.pass_id = p.id) AS observations
                    FROM passes p ORDER BY p.id
                    """
            )
            let passes = rows.map { row in
                Pass(id: row["id"], finished: row["finished"], error: row["error"], observations: row["observations"])
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observations") ?? 0
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM observations") ?? 0
            let products = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products WHERE removed_at IS NULL") ?? 0
            let listings = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM listings WHERE removed_at IS NULL") ?? 0
            return (integrity, tables, passes, count, last, products, listings)
        }
    }

    static let schemaTables: Set<String> = ["producers", "products", "listings", "passes", "observations", "listing_latest"]

    /// A digest of the observation rows with an id up to `lastID` (all of them by default).
    func digest(upTo lastID: Int64? = nil) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var hasher = Hasher()
            let cursor = try Row.fetchCursor(
                db,
                sql: "SELECT id, pass_id, product_id, url, checked_at, status, reason FROM observations WHERE id <= ? ORDER BY id",
                arguments: [lastID ?? lastObservationID]
            )
            while let row = try cursor.next() {
                hasher.combine(row["id"] as Int64)
                hasher.combine(row["pass_id"] as Int64)
                hasher.combine(row["product_id"] as String)
                hasher.combine(row["url"] as String)
                hasher.combine(row["checked_at"] as Double)
                hasher.combine(row["status"] as String)
                hasher.combine(row["reason"] as String?)
            }
            return hasher.finalize()
        }
    }
}
