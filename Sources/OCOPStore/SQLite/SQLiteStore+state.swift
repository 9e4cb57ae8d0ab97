public import Foundation
import GRDB
public import OCOPCore

extension SQLiteStore {
    public func loadState(namespace: String, key: String) async throws(StoreError) -> Data? {
        try await read { db in
            try Data.fetchOne(
                db,
                sql: "SELECT data FROM subsystem_state WHERE namespace = ? AND key = ?",
                arguments: [namespace, key]
            )
        }
    }

    public func saveState(namespace: String, key: String, data: Data) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO subsystem_state (namespace, key, data) VALUES (?, ?, ?)
                    ON CONFLICT (namespace, key) DO UPDATE SET data = excluded.data
                    """,
                arguments: [namespace, key, data]
            )
        }
    }

    public func loadStates(namespace: String) async throws(StoreError) -> [String: Data] {
        try await read { db in
            var states: [String: Data] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT key, data FROM subsystem_state WHERE namespace = ?",
                arguments: [namespace]
            )
            while let row = try rows.next() {
                states[row[0]] = row[1]
            }
            return states
        }
    }

    public func loadStates<Value: Sendable>(
        namespace: String,
        reading read: @escaping @Sendable (Data) throws -> Value
    ) async throws(StoreError) -> [Value] {
        let path = path
        return try await self.read { db in
            var values: [Value] = []
            values.reserveCapacity(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subsystem_state WHERE namespace = ?", arguments: [namespace]) ?? 0)
            let rows = try Row.fetchCursor(db, sql: "SELECT data FROM subsystem_state WHERE namespace = ?", arguments: [namespace])
            while let row = try rows.next() {
                do {
                    values.append(try read(row[0]))
                } catch {
                    throw StoreError.stateUnreadable(error, namespace: namespace, path: path)
                }
            }
            return values
        }
    }

    public func updateStates(namespace: String, saving: some KeyedRecords, removing: [String]) async throws(StoreError) {
        let path = path
        try await write { db in
            let remove = try DirectStatement(db, sql: "DELETE FROM subsystem_state WHERE namespace = ? AND key = ?")
            for key in removing {
                try remove.execute { row in
                    row.bind(namespace)
                    row.bind(key)
                }
            }
            let save = try DirectStatement(
                db,
                sql: """
                    INSERT INTO subsystem_state (namespace, key, data) VALUES (?, ?, ?)
                    ON CONFLICT (namespace, key) DO UPDATE SET data = excluded.data
                    """
            )
            // In the table's key order: a first save of 13,000 alert records then fills pages
            // one after another instead of splitting them all over the table (docs/0012).
            do {
                try saving.forEachRecord { key, record in
                    try save.execute { row in
                        row.bind(namespace)
                        row.bind(key)
                        row.bind(record)
                    }
                }
            } catch let error as DatabaseError {
                throw error
            } catch {
                throw StoreError.recordNotMade(error, path: path)
            }
        }
        // A publication saves its alerts here (13,000 records at 100,000 listings), then renders
        // the report: the records' pages are not read back.
        await releaseWriterMemory()
    }

    public func saveCoverageSnapshot(passID: PassID?, at date: Date, json: Data) async throws(StoreError) {
        let path = path
        try await write { db in
            if let passID,
                try Int.fetchOne(db, sql: "SELECT 1 FROM passes WHERE id = ?", arguments: [passID.rawValue]) == nil
            {
                throw StoreError.unknownPass(passID, path: path)
            }
            try db.execute(
                sql: "INSERT INTO coverage_snapshots (pass_id, taken_at, json) VALUES (?, ?, ?)",
                arguments: [passID?.rawValue, date.timeIntervalSince1970, json]
            )
        }
        await releaseWriterMemory()
    }

    public func coverageSnapshots(limit: Int) async throws(StoreError) -> [CoverageSnapshot] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, pass_id, taken_at, json FROM coverage_snapshots ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                CoverageSnapshot(
                    id: row["id"],
                    passID: (row["pass_id"] as Int64?).map(PassID.init(rawValue:)),
                    takenAt: Date(timeIntervalSince1970: row["taken_at"]),
                    json: row["json"]
                )
            }
        }
    }

    public func coverageSnapshotDates(limit: Int) async throws(StoreError) -> [(id: Int64, takenAt: Date)] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, taken_at FROM coverage_snapshots ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { row in (row[0], Date(timeIntervalSince1970: row[1])) }
        }
    }

    public func coverageSnapshot(id: Int64) async throws(StoreError) -> CoverageSnapshot? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT id, pass_id, taken_at, json FROM coverage_snapshots WHERE id = ?",
                arguments: [id]
            ).map { row in
                CoverageSnapshot(
                    id: row[0],
                    passID: (row[1] as Int64?).map(PassID.init(rawValue:)),
                    takenAt: Date(timeIntervalSince1970: row[2]),
                    json: row[3]
                )
            }
        }
    }
}
