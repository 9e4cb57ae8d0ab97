import Foundation
import OCOPCore
import OCOPStore
import Testing

@testable import OCOPSync

/// Publishing keeps the alert state as one record per alert in the real SQLite store, rewrites
/// only the alerts it changed, and takes over state that earlier versions stored whole.
@Suite(.serialized) struct AlertStateStorageTests {
    static let namespace = "alerts.entries"
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A store holding the generated catalog and its observations, published once at `start`.
    func publishedOnce() async throws -> (
        StoredCoverageTests.Setup, WatchContext, any ObservationStore, WatchContext.Publication
    ) {
        let setup = try await StoredCoverageTests.Setup()
        let context = try setup.context()
        let store = try context.openStore()
        let first = try await context.publish(store: store, pass: nil, passChecks: [:], previousCoverage: nil, now: start)
        return (setup, context, store, first)
    }

    static let unreadable = Data("{not json".utf8)

    /// Replaces the record of the first alert (by key) of `publication` with text that is not JSON.
    func plantUnreadableRecord(for publication: WatchContext.Publication, in store: any ObservationStore)
        async throws -> String
    {
        let key = try #require(publication.alerts.entries.keys.sorted().first)
        try await store.updateStates(namespace: Self.namespace, saving: [key: Self.unreadable], removing: [])
        return key
    }

    @Test func publishingSavesOneRecordPerAlertAndRewritesOnlyWhatChanged() async throws {
        let (setup, context, store, first) = try await publishedOnce()
        defer { setup.remove() }
        let records = try await store.loadStates(namespace: Self.namespace)
        #expect(!records.isEmpty)
        #expect(Set(records.keys) == Set(first.alerts.entries.keys))
        #expect(try await context.loadAlertLifecycle(store: store) == first.alerts)

        // The second publication fires what the first left pending; the third changes nothing.
        let second = try await context.publish(after: first, store: store, at: start + 60)
        #expect(second.alerts != first.alerts)
        let firing = try #require(second.alerts.entries.values.first { $0.firingSince != nil })
        let key = firing.condition.key
        // The same entry written differently: only a rewrite would bring back the encoder's bytes.
        let planted = Data(" ".utf8) + (try await store.loadStates(namespace: Self.namespace)[key] ?? Data())
        try await store.updateStates(namespace: Self.namespace, saving: [key: planted], removing: [])
        let third = try await context.publish(after: second, store: store, at: start + 120)
        #expect(third.alerts.entries[key] == firing)
        #expect(try await store.loadStates(namespace: Self.namespace)[key] == planted, "an unchanged alert is not rewritten")
        #expect(try await context.loadAlertLifecycle(store: store) == third.alerts)
    }

    @Test func aPublicationGivenTheSavedStateDoesNotReadItBack() async throws {
        let (setup, context, store, first) = try await publishedOnce()
        defer { setup.remove() }
        // Alerts already firing: read from the store, their unreadable records would start them afresh.
        let firing = first.alerts.entries.keys.filter { first.alerts.entries[$0]?.firingSince != nil }
        try #require(!firing.isEmpty)
        try await store.updateStates(
            namespace: Self.namespace, saving: Dictionary(uniqueKeysWithValues: firing.map { ($0, Self.unreadable) }),
            removing: [])

        let second = try await context.publish(
            store: store, pass: nil, passChecks: [:], previousCoverage: first.coverage, savedAlerts: first.alerts,
            now: start + 60)
        let records = try await store.loadStates(namespace: Self.namespace)
        #expect(Set(records.keys) == Set(second.alerts.entries.keys))
        for key in firing {
            #expect(second.alerts.entries[key]?.firingSince == first.alerts.entries[key]?.firingSince, "\(key)")
            // Only what changed since the saved state is written.
            #expect((records[key] == Self.unreadable) == (second.alerts.entries[key] == first.alerts.entries[key]))
        }
    }

    @Test func stateStoredWholeByAnEarlierVersionIsReadThenReplacedByRecords() async throws {
        let (setup, context, store, first) = try await publishedOnce()
        defer { setup.remove() }
        // As the previous version stored it: every alert as one JSON line, in one value.
        let records = try await store.loadStates(namespace: Self.namespace)
        try await store.updateStates(namespace: Self.namespace, saving: [:], removing: Array(records.keys))
        let lines = Data(records.keys.sorted().compactMap { records[$0] }.map { $0 + Data("\n".utf8) }.joined())
        try await store.saveState(namespace: "alerts", key: "lifecycle", data: lines)
        #expect(try await context.loadAlertLifecycle(store: store) == first.alerts)

        let second = try await context.publish(after: first, store: store, at: start + 60)
        #expect(try await store.loadState(namespace: "alerts", key: "lifecycle") == nil)
        #expect(Set(try await store.loadStates(namespace: Self.namespace).keys) == Set(second.alerts.entries.keys))
        #expect(try await context.loadAlertLifecycle(store: store) == second.alerts)
    }

    @Test func unreadableRecordsAreReplacedNotKeptForever() async throws {
        let (setup, context, store, first) = try await publishedOnce()
        defer { setup.remove() }
        _ = try await plantUnreadableRecord(for: first, in: store)
        #expect(try await context.loadAlertLifecycle(store: store) == AlertLifecycle(), "unreadable: starts afresh")

        let second = try await context.publish(after: first, store: store, at: start + 60)
        #expect(Set(try await store.loadStates(namespace: Self.namespace).keys) == Set(second.alerts.entries.keys))
        #expect(try await context.loadAlertLifecycle(store: store) == second.alerts)
    }
}

extension WatchContext {
    fileprivate func publish(after previous: Publication, store: any ObservationStore, at now: Date) async throws -> Publication {
        try await publish(store: store, pass: nil, passChecks: [:], previousCoverage: previous.coverage, now: now)
    }
}
