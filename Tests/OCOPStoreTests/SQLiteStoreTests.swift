import Foundation
import GRDB
import OCOPCore
import Synchronization
import Testing

@testable import OCOPStore

/// What only the file-backed store can get wrong: the schema, reopening, locks and bad files.
@Suite struct SQLiteStoreTests {
    @Test func migratesAnEmptyFile() throws {
        let directory = try TemporaryDirectory()
        #expect(!FileManager.default.fileExists(atPath: directory.databasePath))
        _ = try SQLiteStore(path: directory.databasePath) { pending in
            Issue.record("a new store announced migrations: \(pending)")
        }
        let queue = try DatabaseQueue(path: directory.databasePath)
        let migrations = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1", "v2", "v3", "v4"])
        let journal = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("The writing connection keeps a small page cache, the readers SQLite's default")
    func theWriterCacheIsSmall() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath)
        let writer = try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        let reader = try await store.pool.read { try Int.fetchOne($0, sql: "PRAGMA cache_size") }
        #expect(writer == -512)
        #expect(reader == -2000)
        let larger = try SQLiteStore(path: directory.databasePath, configuration: .init(writerCacheKiB: 4096))
        #expect(try await larger.pool.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } == -4096)
    }

    @Test("A store written before v3 keeps every listing's history, read without the old index")
    func historyIsChainedWhenAnOlderStoreIsMigrated() async throws {
        let directory = try TemporaryDirectory()
        let listing = Sample.listings[0]
        let other = Sample.listings[1]
        do {
            let queue = try DatabaseQueue(path: directory.databasePath)
            try SQLiteStore.migrator.migrate(queue, upTo: "v2")
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO passes (id, kind, started_at) VALUES (1, 'scheduled', 0)")
                // As v2 recorded them: ids in record order, one check of `listing` out of time order.
                let checks: [(Listing, Int, ListingStatus)] = [
                    (listing, 1, .active), (other, 1, .active), (listing, 3, .outOfStock), (listing, 2, .blocked),
                ]
                for (id, (listing, minutes, status)) in zip(1..., checks) {
                    try db.execute(
                        sql: """
                            INSERT INTO observations (id, pass_id, product_id, url, checked_at, marketplace, status)
                            VALUES (?, 1, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            id, listing.productID, listing.url, Sample.time(minutes).timeIntervalSince1970,
                            listing.marketplace.rawValue, status.rawValue,
                        ]
                    )
                }
                try db.execute(
                    sql: """
                        INSERT INTO listing_latest (product_id, url, latest_id, latest_at, conclusive_id, conclusive_at)
                        VALUES (?, ?, 3, ?, 3, ?), (?, ?, 2, ?, 2, ?)
                        """,
                    arguments: [
                        listing.productID, listing.url, Sample.time(3).timeIntervalSince1970,
                        Sample.time(3).timeIntervalSince1970, other.productID, other.url,
                        Sample.time(1).timeIntervalSince1970, Sample.time(1).timeIntervalSince1970,
                    ]
                )
            }
        }
        let announced = Mutex<[[String]]>([])
        let store = try SQLiteStore(path: directory.databasePath) { pending in announced.withLock { $0.append(pending) } }
        #expect(announced.withLock { $0 } == [["v3", "v4"]])
        _ = try SQLiteStore(path: directory.databasePath) { pending in announced.withLock { $0.append(pending) } }
        #expect(announced.withLock { $0 } == [["v3", "v4"]], "an up-to-date store announces nothing")
        // v4 counts the history already held, for `ocop_checks_total`.
        #expect(
            try await store.checkTotals()
                == [listing.marketplace: [.active: 1, .outOfStock: 1, .blocked: 1], other.marketplace: [.active: 1]])
        #expect(try await store.history(for: listing.key, limit: 10).map(\.checkedAt) == [3, 2, 1].map(Sample.time))
        #expect(try await store.history(for: listing.key, limit: 1).map(\.status) == [.blocked])
        #expect(try await store.history(for: other.key, limit: 10).map(\.status) == [.active])

        let pass = try await store.beginPass(startedAt: Sample.time(4), kind: "scheduled")
        try await store.record([Sample.observation(listing, at: 5, .delisted)], pass: pass)
        #expect(try await store.history(for: listing.key, limit: 10).map(\.checkedAt) == [5, 3, 2, 1].map(Sample.time))
        #expect(try await store.checkTotals()[listing.marketplace]?[.delisted] == 1)

        let queue = try DatabaseQueue(path: directory.databasePath)
        let indexes = try await queue.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations'")
        }
        #expect(indexes == ["observations_by_pass"])
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE observations SET status = 'delisted'") }
        }
    }

    @Test func reopeningKeepsEverything() async throws {
        let directory = try TemporaryDirectory()
        let listing = Sample.listings[0]
        let observation = Sample.observation(listing, at: 2, .active, price: 95_000)
        let pass: PassID
        do {
            let store = try SQLiteStore(path: directory.databasePath)
            _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
            pass = try await store.beginPass(startedAt: Sample.time(1), kind: "scheduled")
            try await store.record([observation], pass: pass)
            try await store.saveState(namespace: "alerts", key: "lifecycle", data: Data("{}".utf8))
        }
        let reopened = try SQLiteStore(path: directory.databasePath)
        #expect(try await reopened.catalog().products == Sample.products)
        #expect(try await reopened.passes(limit: 5).map(\.id) == [pass])
        #expect(try await reopened.passes(limit: 5).first?.isFinished == false)
        #expect(try await reopened.evidence().first { $0.listing == listing }?.latest == observation)
        #expect(try await reopened.loadState(namespace: "alerts", key: "lifecycle") == Data("{}".utf8))
        #expect(try await !reopened.importCatalog(Sample.catalog, source: "demo", at: Sample.time(9)).hasChanges)
    }

    @Test("Coverage reads the products again once an import changed them, through this store or another")
    func coverageInputFollowsImports() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath)
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))
        let first = try await store.coverage(rules: CoverageRules(), now: Date())
        #expect(first.products == Sample.products.sorted { $0.id < $1.id })
        #expect(try await store.coverage(rules: CoverageRules(), now: Date()).products == first.products)

        var renamed = Sample.catalog
        renamed.products[1].name = "Hạt sen sấy"
        _ = try await store.importCatalog(renamed, source: "v2", at: Sample.time(1))
        #expect(try await store.coverage(rules: CoverageRules(), now: Date()).products.contains { $0.name == "Hạt sen sấy" })

        // Another process (here another store on the same file) imports the next version.
        let other = try SQLiteStore(path: directory.databasePath)
        var removed = renamed
        removed.products.removeAll { $0.id == renamed.products[1].id }
        removed.listings.removeAll { $0.productID == renamed.products[1].id }
        _ = try await other.importCatalog(removed, source: "v3", at: Sample.time(2))
        let after = try await store.coverage(rules: CoverageRules(), now: Date())
        #expect(after.products == removed.products.sorted { $0.id < $1.id })
        #expect(after.products.count == first.products.count - 1)
    }

    @Test("Coverage counts listings of product ids that SQLite orders otherwise than Swift (not in NFC)")
    func coverageCountsIdsOrderedOtherwise() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath)
        // "P-A" + combining ring sorts first by its bytes and last by its canonical form ("P-Å").
        let ids = ["P-A\u{030A}", "P-B", "P-C"]
        let products = ids.map { Product(id: $0, name: "Sản phẩm \($0)", producerID: "DT-E-001", stars: 3, group: "I.3") }
        let listings = ids.map { Listing(productID: $0, marketplace: .tiki, url: "https://tiki.vn/\($0.unicodeScalars.count)-p1.html") }
        let catalog = Catalog(producers: [Sample.producers[0]], products: products, listings: listings)
        _ = try await store.importCatalog(catalog, source: "nfd", at: Sample.time(0))
        let pass = try await store.beginPass(startedAt: Sample.time(1), kind: "test")
        try await store.record([Sample.observation(listings[0], at: 1, .active), Sample.observation(listings[1], at: 1, .delisted)], pass: pass)

        let counted = try await store.coverage(rules: CoverageRules(), now: Sample.time(2))
        let expected = CoverageCalculator().report(
            producers: [Sample.producers[0]],
            products: products,
            listings: try await store.evidence().map(ListingFacts.init),
            now: Sample.time(2)
        )
        #expect(counted.report == expected)
        // In Swift's order of the ids: P-B delisted, P-C never checked, P-Å active.
        #expect(counted.report.productCoverage.map(\.product.id) == ["P-B", "P-C", "P-\u{00C5}"])
        #expect(counted.report.productCoverage.map(\.state) == [.uncovered, .unverified, .covered])
    }

    @Test("A catalog read back holds each region and each repeated decision once, however many products name it")
    func readingSharesRepeatedValues() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath)
        // Names too long for a small string: each cell read is a heap string of its own unless shared.
        let region = Region(provinceCode: "87", districtCode: "866", districtName: "Thành phố Cao Lãnh", communeName: "Phường Mỹ Phú")
        let products = (1...3).map { number in
            Product(
                id: "DT-P-000\(number)", name: "Sản phẩm \(number)", producerID: "DT-E-001", stars: 3, group: "I.5",
                region: region, decisionNumber: "1446/QĐ-UBND-HC ngày 29/12/2022")
        }
        let catalog = Catalog(producers: [Sample.producers[0]], products: products, listings: [])
        _ = try await store.importCatalog(catalog, source: "shared", at: Sample.time(0))
        func storage(_ text: String?) -> UnsafePointer<UInt8>? {
            guard var text else { return nil }
            return text.withUTF8 { $0.baseAddress }
        }
        for read in [try await store.coverage(rules: CoverageRules(), now: Date()).products, try await store.catalog().products] {
            #expect(read == products)
            let decisions = Set(read.map { storage($0.decisionNumber) })
            let districts = Set(read.map { storage($0.region.districtName) })
            #expect(decisions.count == 1 && districts.count == 1)
        }
    }

    @Test func observationsCannotBeRewritten() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath)
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let pass = try await store.beginPass(startedAt: Sample.time(1), kind: "scheduled")
        try await store.record([Sample.observation(Sample.listings[0], at: 2, .active)], pass: pass)
        let queue = try DatabaseQueue(path: directory.databasePath)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE observations SET status = 'delisted'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "DELETE FROM observations") }
        }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let directory = try TemporaryDirectory()
        _ = try SQLiteStore(path: directory.databasePath)
        let queue = try DatabaseQueue(path: directory.databasePath)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v7')") }
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: directory.databasePath) }
        #expect(error?.code == .newerSchema)
        #expect(
            error?.description
                == "\(directory.databasePath): the database was migrated by a newer ocop-watch (unknown migrations: "
                + "v7); run the newer version, or restore a backup made by this one"
        )
    }

    @Test func aMissingFolderIsNamed() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("missing/ocop-watch.sqlite").path
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message == "the folder \(directory.url.appendingPathComponent("missing").path) does not exist")
    }

    @Test func aFolderWhereTheDatabaseShouldBeIsNamed() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: directory.url.path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message == "the database path is a folder", "\(String(describing: error))")
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let directory = try TemporaryDirectory()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: directory.databasePath))
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: directory.databasePath) }
        #expect(error?.code == .corrupt)
    }

    @Test func aWriteLockHeldByAnotherProcessIsReported() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.databasePath, configuration: .init(busyTimeout: 0.2))
        var holder = Configuration()
        holder.allowsUnsafeTransactions = true  // the lock must outlive one database access
        let other = try DatabaseQueue(path: directory.databasePath, configuration: holder)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let error = await #expect(throws: StoreError.self) {
            try await store.saveState(namespace: "scheduler", key: "cursor", data: Data())
        }
        #expect(error?.code == .locked)
        #expect(error?.description.contains("systemctl stop ocop-watch") == true)
        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try await store.saveState(namespace: "scheduler", key: "cursor", data: Data())
    }
}
