import Foundation
import GRDB
import OCOPConfig
import OCOPCore
import OCOPTestSupport
import SystemdKit
import Testing

@testable import OCOPStore
@testable import OCOPSync

extension Reliability {
    /// A store another process holds locked for longer than the busy timeout: a batch the store
    /// refused is written by the next flush, not lost (the daemon goes on after a failed commit).
    @Suite struct LockedStore {
        static func observations(_ range: Range<Int>) -> [Observation] {
            range.map { index in
                Observation(
                    listing: ListingKey(productID: "P\(index)", url: "https://tiki.vn/p\(index)"),
                    marketplace: .tiki,
                    checkedAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(index)),
                    verdict: Verdict(status: .active)
                )
            }
        }

        @Test func aBatchTheStoreRefusedIsWrittenByTheNextFlush() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-locked-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("store.sqlite").path
            let store = try SQLiteStore(path: path, configuration: .init(busyTimeout: 0.05))
            let pass = try await store.beginPass(startedAt: Date(), kind: "test")
            var recorder = BatchRecorder(
                store: store,
                pass: pass,
                configuration: SyncPass.Configuration(batchSize: 2, flushInterval: 3600)
            )

            // Another process's write transaction: every commit meanwhile times out.
            var holding = Configuration()
            holding.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: holding)
            try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
            try await recorder.add(Self.observations(0..<2))  // full: its write starts, and fails
            await #expect(throws: (any Error).self) { try await recorder.add(Self.observations(2..<4)) }
            try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }

            try await recorder.flush()
            let stored = try await other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM observations") }
            #expect(stored == 4)
            #expect(recorder.counts == [.active: 4])
        }

        @Test func aStoreInUseIsNotMigratedByAnotherCommand() async throws {
            let config = try ScratchConfig()
            defer { config.remove() }
            let context = try WatchContext(configPath: config.path, verbose: false, command: "test")
            try context.prepareStateDirectory()
            let path = context.configuration.paths.database
            // A store an older version left at v2, and that version's daemon still running.
            try SQLiteStore.migrator.migrate(try DatabaseQueue(path: path), upTo: "v2")
            let daemon = try InstanceLock(nextTo: path)
            func applied() throws -> Set<String> {
                try DatabaseQueue(path: path).read { try SQLiteStore.migrator.appliedIdentifiers($0) }
            }

            let refusal = #expect(throws: StoreError.self) { try context.openStore() }
            #expect(refusal?.code == .locked)
            #expect(refusal?.nextStep.contains("systemctl restart ocop-watch") == true)
            #expect(try applied() == ["v1", "v2"])

            daemon.release()
            _ = try context.openStore()
            #expect(try applied().contains("v3"))
        }
    }
}
