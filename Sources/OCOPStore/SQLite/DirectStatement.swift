import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement run with its values bound straight through SQLite's C API, for the few
/// statements the store executes thousands of times a publication or pass.
///
/// Executed with GRDB's `StatementArguments`, each value became an existential, then a
/// `DatabaseValue`, then a temporary binding nested inside the previous one: some 25 allocations
/// for an observation's row, on the writer thread (docs/0012, sixth round). The statement stays
/// GRDB's, prepared and cached by the connection (`Statement.sqliteStatement` is GRDB's door to
/// the C API); only binding and stepping happen here. What GRDB's `execute` adds beyond that is
/// bookkeeping for transaction observers and `ValueObservation`, which this store does not use.
struct DirectStatement {
    let sql: String
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.sql = sql
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds every parameter with `bind`, in order, and runs the statement once.
    func execute(_ bind: (inout Parameters) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var parameters = Parameters(handle: handle)
        bind(&parameters)
        var code = parameters.firstFailure ?? SQLITE_OK
        // A parameter left out would keep the previous row's value: refuse instead.
        if code == SQLITE_OK, parameters.count != sqlite3_bind_parameter_count(handle) {
            code = SQLITE_RANGE
        }
        if code == SQLITE_OK {
            code = sqlite3_step(handle)
        }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
    }

    /// The parameters of one execution, bound in order; the first failure is kept.
    struct Parameters {
        /// SQLite copies each text value before `bind` returns, so no pointer outlives its string.
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

        let handle: OpaquePointer
        private(set) var count: Int32 = 0
        private(set) var firstFailure: Int32?

        init(handle: OpaquePointer) {
            self.handle = handle
        }

        mutating func bind(_ value: Int64) {
            record(sqlite3_bind_int64(handle, next(), value))
        }

        mutating func bind(_ value: Int?) {
            let index = next()
            record(value.map { sqlite3_bind_int64(handle, index, Int64($0)) } ?? sqlite3_bind_null(handle, index))
        }

        mutating func bind(_ value: Double?) {
            let index = next()
            record(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
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
                        return sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    }
                    return sqlite3_bind_text(handle, index, address, Int32(text.count), Self.transient)
                }
            }
            record(code)
        }

        /// A blob; an empty one is a zero-length blob, not NULL.
        mutating func bind(_ value: Data) {
            let index = next()
            let code = value.withUnsafeBytes { bytes in
                guard let address = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob(handle, index, address, Int32(bytes.count), Self.transient)
            }
            record(code)
        }

        private mutating func next() -> Int32 {
            count += 1
            return count
        }

        private mutating func record(_ code: Int32) {
            if code != SQLITE_OK, firstFailure == nil { firstFailure = code }
        }
    }
}
