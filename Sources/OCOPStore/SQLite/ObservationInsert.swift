import Foundation
import GRDB
import GRDBSQLite
import OCOPCore

/// The `INSERT` of one observation, its 19 values bound straight through SQLite's C API.
///
/// A pass writes every observation once, so this is the store's hottest statement. Executed with
/// GRDB's `StatementArguments`, each value became an existential, then a `DatabaseValue`, then a
/// temporary binding nested inside the previous one: some 25 allocations per observation on the
/// writer thread (docs/0012, sixth round). The statement stays GRDB's, prepared and cached by
/// the connection (`Statement.sqliteStatement` is GRDB's documented door to the C API); only
/// binding and stepping happen here.
///
/// What GRDB's `execute` would add is observation bookkeeping (transaction observers, the
/// regions a `ValueObservation` tracks), which this store does not use.
struct ObservationInsert {
    static let sql: String = {
        let columns = ["pass_id", "product_id", "url"] + SQLiteStore.observationColumns
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO observations (\(columns.joined(separator: ", "))) VALUES (\(marks))"
    }()

    /// SQLite copies each text value before `bind` returns, so no pointer outlives its string.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private let statement: Statement
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        statement = try db.cachedStatement(sql: Self.sql)
    }

    /// Inserts `observation` into `pass`; the row id is `db.lastInsertedRowID` afterwards.
    func execute(_ observation: Observation, pass: Int64) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let verdict = observation.verdict
        var binder = Binder(handle: handle)
        binder.bind(pass)
        binder.bind(observation.listing.productID)
        binder.bind(observation.listing.url)
        binder.bind(observation.checkedAt.timeIntervalSince1970)
        binder.bind(observation.marketplace.rawValue)
        binder.bind(verdict.status.rawValue)
        binder.bind(verdict.reason)
        binder.bind(verdict.title)
        binder.bind(verdict.priceVND)
        binder.bind(verdict.originalPriceVND)
        binder.bind(verdict.seller)
        binder.bind(verdict.stock)
        binder.bind(verdict.sold)
        binder.bind(verdict.itemID)
        binder.bind(
            verdict.evidence.isEmpty ? nil : verdict.evidence.joined(separator: String(SQLiteStore.evidenceSeparator)))
        binder.bind(observation.httpStatus)
        binder.bind(observation.finalURL)
        binder.bind(observation.elapsedMilliseconds)
        binder.bind(observation.error)
        var code = binder.firstFailure ?? SQLITE_OK
        if code == SQLITE_OK {
            code = sqlite3_step(handle)
        }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: Self.sql)
        }
    }

    /// Binds parameters in order, keeping the first failure.
    private struct Binder {
        let handle: OpaquePointer
        var index: Int32 = 0
        var firstFailure: Int32?

        mutating func bind(_ value: Int64) {
            record(sqlite3_bind_int64(handle, next(), value))
        }

        mutating func bind(_ value: Int?) {
            let index = next()
            record(value.map { sqlite3_bind_int64(handle, index, Int64($0)) } ?? sqlite3_bind_null(handle, index))
        }

        mutating func bind(_ value: Double) {
            record(sqlite3_bind_double(handle, next(), value))
        }

        mutating func bind(_ value: String?) {
            let index = next()
            guard var value else {
                record(sqlite3_bind_null(handle, index))
                return
            }
            let code = value.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { text in
                    // An empty buffer may have no address, and a null pointer would bind NULL.
                    guard let address = text.baseAddress else {
                        return sqlite3_bind_text(handle, index, "", 0, ObservationInsert.transient)
                    }
                    return sqlite3_bind_text(handle, index, address, Int32(text.count), ObservationInsert.transient)
                }
            }
            record(code)
        }

        private mutating func next() -> Int32 {
            index += 1
            return index
        }

        private mutating func record(_ code: Int32) {
            if code != SQLITE_OK, firstFailure == nil { firstFailure = code }
        }
    }
}
