public import Foundation
import GRDB
import OCOPCore
import Synchronization

/// The embedded ``ObservationStore``: one SQLite file in WAL mode, opened through a GRDB
/// `DatabasePool` so that reports read while a pass writes.
///
/// Opening creates the file if needed and applies migrations; a file written by a newer version
/// is refused rather than altered. Foreign keys are enforced, writes take the lock up front
/// (`BEGIN IMMEDIATE`) and wait up to ``Configuration/busyTimeout`` for another process to let
/// go. Every failure is a ``StoreError`` naming the file and the next step.
public final class SQLiteStore: ObservationStore {
    /// Tuning of one store.
    public struct Configuration: Sendable, Hashable {
        /// How long a write waits for another process's lock before failing with
        /// ``StoreError/Code/locked``.
        public var busyTimeout: TimeInterval
        /// Concurrent read connections (reports, the status command).
        public var maximumReaderCount: Int
        /// The page cache of the connection that writes, in KiB (SQLite's default is 2,000).
        ///
        /// What it writes is mostly not read back: observations appended, a publication's
        /// figures and 13,000 alert records at 100,000 listings. SQLite's default cache, full at
        /// the peak of a publication, cost 2 MB of resident memory; a quarter of it costs no
        /// measurable time (docs/0012, twelfth round). Readers keep SQLite's default.
        public var writerCacheKiB: Int

        public init(busyTimeout: TimeInterval = 5, maximumReaderCount: Int = 4, writerCacheKiB: Int = 512) {
            self.busyTimeout = busyTimeout
            self.maximumReaderCount = maximumReaderCount
            self.writerCacheKiB = writerCacheKiB
        }
    }

    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// The current products as ``coverageInput()`` last read them, and the catalog import they
    /// reflect: only an import changes them, and a daemon publishes after every batch. Handing
    /// out the same products again also lets its previous report and the new one share them
    /// instead of holding two copies of the catalog (docs/0012).
    let currentProducts = Mutex<(lastImport: Int64, products: [Product])?>(nil)

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - path: The database file; its folder must exist.
    ///   - configuration: Lock waiting and reader count.
    ///   - willMigrate: Called with the migrations about to run on an existing database (not on a
    ///     new one), so that the caller can say why opening may take a while (a migration that
    ///     rewrites the observation history takes seconds per million observations), and refuse
    ///     by throwing when another process is using the store.
    /// - Throws: ``StoreError`` when the folder is missing, the file cannot be opened or written,
    ///   is not a database, or was migrated by a newer version.
    public init(
        path: String,
        configuration: Configuration = Configuration(),
        willMigrate: (([String]) throws(StoreError) -> Void)? = nil
    ) throws(StoreError) {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError(
                .cannotOpen,
                path: path,
                message: "the folder \(folder) does not exist",
                nextStep: "create it (systemd's StateDirectory= does) or set the database path in the config"
            )
        }
        var options = GRDB.Configuration()
        options.label = "ocop-watch"
        options.foreignKeysEnabled = true
        options.busyMode = .timeout(configuration.busyTimeout)
        options.maximumReaderCount = max(configuration.maximumReaderCount, 1)
        let writerCache = max(configuration.writerCacheKiB, 1)
        options.prepareDatabase { db in
            // WAL with NORMAL loses at most the last commits on power loss, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -\(writerCache)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: options)
            let applied = try pool.read { db in
                let applied = try Self.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(Self.migrator.migrations)
                if !unknown.isEmpty {
                    throw StoreError(
                        .newerSchema,
                        path: path,
                        message: "the database was migrated by a newer ocop-watch (unknown migrations: "
                            + unknown.sorted().joined(separator: ", ") + ")",
                        nextStep: "run the newer version, or restore a backup made by this one"
                    )
                }
                return applied
            }
            let pending = Self.migrator.migrations.filter { !applied.contains($0) }
            if !applied.isEmpty, !pending.isEmpty { try willMigrate?(pending) }
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in a write transaction, translating failures.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Frees the writer's page cache, outside any transaction. Publishing stores its figures and
    /// snapshot (thousands of rows, a blob of every product's state) just before its peak, in
    /// alerts, and their pages are not read back: even with the writer's cache at 512 KiB
    /// (``Configuration/writerCacheKiB``), freeing it after those writes and the alert records'
    /// keeps the peak of a 100,000-listing pass 0.5–0.6 MB lower (docs/0012, twelfth round).
    /// A failure to reach the writer only leaves the pages cached: the write before has its own
    /// outcome.
    func releaseWriterMemory() async {
        try? await pool.writeWithoutTransaction { $0.releaseMemory() }
    }

    /// Runs `body` on a read connection (a consistent snapshot), translating failures.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }
}
