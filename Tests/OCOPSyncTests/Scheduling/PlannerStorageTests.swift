import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore
import Testing

@testable import OCOPSync

/// How the daemon reads back its planner: the schedule's records, the breakers and budgets, and
/// what it does when either is unreadable.
@Suite("Planner storage")
struct PlannerStorageTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func listings(_ count: Int) -> [Listing] {
        (0..<count).map { Listing(productID: "P\($0)", marketplace: .tiki, url: "https://tiki.vn/p\($0).html") }
    }

    /// A store in a fresh folder, and an event log beside it.
    static func withStore(_ body: (SQLiteStore, EventLog) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-planner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ocop-watch.sqlite").path)
        let eventLog = EventLog(path: folder.appendingPathComponent("events.jsonl").path, operational: Logger(label: "test"))
        try await body(store, eventLog)
    }

    static let configuration = OCOPWatchConfiguration()

    /// A planner of `count` listings, saved to `store` as the daemon saves it.
    static func savedPlanner(_ count: Int, to store: SQLiteStore) async throws -> CheckPlanner {
        var planner = CheckPlanner(configuration: CheckPlanner.Configuration(watch: configuration))
        planner.sync(with: listings(count), at: start)
        try await DaemonSession.save(&planner, to: store)
        return planner
    }

    @Test("Saved records and planner read back as the planner that saved them")
    func recordsAndPlannerReadBack() async throws {
        try await Self.withStore { store, eventLog in
            let planner = try await Self.savedPlanner(12, to: store)
            #expect(planner.scheduleChanges().saving.keys.isEmpty, "saved")

            let loaded = await DaemonSession.loadPlanner(store: store, configuration: Self.configuration, eventLog: eventLog)
            #expect(loaded == planner)
            #expect(loaded.scheduleChanges().saving.keys.isEmpty)
        }
    }

    @Test("Unreadable schedule records are dropped from the store; the breakers and budgets are kept")
    func unreadableRecordsAreDropped() async throws {
        try await Self.withStore { store, eventLog in
            let planner = try await Self.savedPlanner(3, to: store)
            let gone = ["P9\nhttps://tiki.vn/gone.html": Data("not an entry".utf8)]
            try await store.updateStates(namespace: DaemonSession.scheduleNamespace, saving: gone, removing: [])

            let loaded = await DaemonSession.loadPlanner(store: store, configuration: Self.configuration, eventLog: eventLog)
            #expect(loaded.schedule.count == 0, "placed anew when the daemon syncs it with the catalog")
            #expect(loaded.breakers == planner.breakers)
            #expect(loaded.budgets.keys == planner.budgets.keys)
            #expect(try await store.loadStates(namespace: DaemonSession.scheduleNamespace).isEmpty)
        }
    }
}
