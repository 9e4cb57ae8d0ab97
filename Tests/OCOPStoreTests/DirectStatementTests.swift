import Foundation
import GRDB
import Testing

@testable import OCOPStore

@Suite("Statements bound through SQLite's C API")
struct DirectStatementTests {
    @Test func valuesArriveAsBoundAndAMissingOneIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("t.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (i INTEGER, d REAL, s TEXT, n TEXT)")
            let insert = try DirectStatement(db, sql: "INSERT INTO t (i, d, s, n) VALUES (?, ?, ?, ?)")
            try insert.execute { row in
                row.bind(Int64(1) << 40)
                row.bind(2.5)
                row.bind("Hạt sen sấy giòn")
                row.bind(nil as String?)
            }
            try insert.execute { row in
                row.bind(nil as Int?)
                row.bind(nil as Double?)
                row.bind("")
                row.bind("x")
            }
            // Three of four: the fourth would silently repeat the last row's "x".
            #expect(throws: DatabaseError.self) {
                try insert.execute { row in
                    row.bind(3)
                    row.bind(3.0)
                    row.bind("three")
                }
            }
            let rows = try Row.fetchAll(db, sql: "SELECT i, d, s, n, typeof(s), typeof(n) FROM t ORDER BY rowid")
            #expect(rows.count == 2)
            #expect(rows[0][0] as Int64? == 1 << 40)
            #expect(rows[0][1] as Double? == 2.5)
            #expect(rows[0][2] as String? == "Hạt sen sấy giòn")
            #expect(rows[0][5] as String? == "null")
            #expect(rows[1][0] as Int64? == nil)
            #expect(rows[1][4] as String? == "text")
            #expect(rows[1][2] as String? == "")
            #expect(rows[1][3] as String? == "x")
        }
    }

    @Test("Data is bound as a blob, an empty one as a zero-length blob rather than NULL")
    func dataArrivesAsABlob() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("t.sqlite").path)
        let record = Data(#"{"key":"listing_delisted:DT-P-0001","state":"firing"}"#.utf8)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (b BLOB)")
            let insert = try DirectStatement(db, sql: "INSERT INTO t (b) VALUES (?)")
            try insert.execute { $0.bind(record) }
            try insert.execute { $0.bind(Data()) }
            let rows = try Row.fetchAll(db, sql: "SELECT b, typeof(b), length(b) FROM t ORDER BY rowid")
            #expect(rows.count == 2)
            #expect(rows[0][0] as Data? == record)
            #expect(rows[0][1] as String? == "blob")
            #expect(rows[1][1] as String? == "blob")
            #expect(rows[1][2] as Int? == 0)
        }
    }
}
