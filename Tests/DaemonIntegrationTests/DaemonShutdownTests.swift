import Foundation
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

/// SIGTERM lets checks in flight finish and commits everything; a restart continues the
/// persisted schedule instead of checking everything again at once.
@Suite struct DaemonShutdownTests {
    @Test func sigtermLetsChecksInFlightFinishAndCommitsEveryObservation() async throws {
        // Every answer takes 1.5 s, so SIGTERM arrives while checks are in flight.
        try await DaemonFixture.with(
            counts: [.tiki: 4, .lazada: 4, .shopee: 6, .tiktokShop: 4],
            faults: [MockFault(.latency(milliseconds: 1500))]
        ) { fixture in
            let daemon = try fixture.launch()
            try await waitUntil("the first requests reach the mock") { await fixture.requests().values.reduce(0, +) >= 3 }

            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")

            let stopping = try #require(fixture.events("stopping").first)
            #expect(Int(stopping.metadata["in_flight"] ?? "") ?? 0 > 0, "SIGTERM came while checks were in flight")
            #expect(fixture.events("grace_expired").isEmpty)
            // One request per check (no retries): what the mock answered is what the store holds.
            let requests = await fixture.requests()
            let stored = try await fixture.storedObservations()
            #expect(requests.values.reduce(0, +) > 0)
            #expect(stored == requests)
            // Each finished: none was cut off and recorded as a failure to reach the marketplace.
            let statuses = try await fixture.storedStatuses()
            #expect(statuses[.unreachable] == nil, "\(statuses)")
            #expect(statuses[.active, default: 0] > 0)
            let passes = try await fixture.openStore().passes(limit: 100)
            #expect(!passes.isEmpty)
            #expect(passes.allSatisfy { $0.isFinished && $0.error == nil })
            #expect(passes.map(\.observationCount).reduce(0, +) == requests.values.reduce(0, +))
        }
    }

    /// Killed between committing checks and closing their batch, a daemon's successor counts
    /// `ocop_checks_total` from what the store holds: the totals are kept with the observations,
    /// so no crash leaves the counter behind for good.
    @Test func afterAKillTheCheckCounterMatchesTheStore() async throws {
        var settings = DaemonFixture.Settings()
        settings.metricsTextfile = "metrics.prom"
        try await DaemonFixture.with(
            counts: [.tiki: 20, .lazada: 20],
            faults: [MockFault(.latency(milliseconds: 400))],
            settings: settings
        ) { fixture in
            func closedChecks() -> Int { fixture.events("batch").compactMap { Int($0.metadata["checks"] ?? "") }.reduce(0, +) }
            let first = try fixture.launch()
            try await waitUntil("checks committed whose batch is still open") {
                (try? await fixture.storedObservations().values.reduce(0, +)) ?? 0 > closedChecks()
            }
            first.send(SIGKILL)
            _ = await first.waitForExit(timeout: .seconds(10))

            let batches = fixture.events("batch").count
            let second = try fixture.launch(name: "second")
            try await waitUntil("the second daemon's first batch") { fixture.events("batch").count > batches }
            second.send(SIGTERM)
            #expect(await second.waitForExit(timeout: .seconds(30)) == .exited(0), "\(second.standardError)")
            let textfile = try String(
                contentsOfFile: fixture.directory.appendingPathComponent("metrics.prom").path, encoding: .utf8)
            let counted = textfile.split(separator: "\n").filter { $0.hasPrefix("ocop_checks_total{") }
                .compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
            let stored = try await fixture.storedObservations().values.reduce(0, +)
            #expect(counted == stored, "textfile \(counted), store \(stored)")
        }
    }

    /// The database deleted under the running daemon: it says so and exits with a failure, so
    /// that systemd restarts it on the file at the path, instead of recording into a file
    /// nobody can open and then claiming every observation committed.
    @Test func aDatabaseDeletedUnderTheDaemonStopsItAsAFailure() async throws {
        try await DaemonFixture.with(counts: [.tiki: 2, .lazada: 2]) { fixture in
            let daemon = try fixture.launch()
            try await waitUntil("the first batch is committed") { !fixture.events("batch").isEmpty }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.databasePath + suffix) }
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(1), "\(daemon.standardError)")
            let gone = try #require(fixture.events("database_gone").first, "no database_gone event")
            #expect(gone.message.contains("was deleted"), "\(gone.message)")
            #expect(daemon.standardError.contains("was deleted"), "\(daemon.standardError)")
            #expect(fixture.events("stopped").allSatisfy { !$0.message.contains("cleanly") })
        }
    }

    /// A copy restored over the database while the daemon runs opens clean after it stops: the
    /// old file's `-wal` and `-shm` leave the path with it, and SQLite does not read their pages
    /// as the copy's.
    @Test func aCopyRestoredOverTheDatabaseOpensClean() async throws {
        try await DaemonFixture.with(counts: [.tiki: 3, .lazada: 3]) { fixture in
            let daemon = try fixture.launch()
            try await waitUntil("the first batch is committed") { !fixture.events("batch").isEmpty }
            // The copy: a store of its own, closed (and so checkpointed) before it is moved in.
            let copy = fixture.directory.appendingPathComponent("restored.sqlite").path
            do {
                let restored = try SQLiteStore(path: copy)
                _ = try await restored.beginPass(startedAt: Date(), kind: "restored")
            }
            #expect(rename(copy, fixture.databasePath) == 0)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(1), "\(daemon.standardError)")
            #expect(fixture.events("database_gone").first?.message.contains("was replaced") == true)
            for suffix in ["-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: fixture.databasePath + suffix), "\(suffix) left at the path")
            }
            let store = try fixture.openStore()
            #expect(try await store.passes(limit: 10).map(\.kind) == ["restored"])
            #expect(try await store.checkTotals().isEmpty)
        }
    }

    /// A database moved aside while in use keeps every commit: its write-ahead log is moved
    /// aside too, never deleted, and read again once put back beside it.
    @Test func aDatabaseMovedAsideKeepsItsCommitsInTheLogMovedAside() async throws {
        try await DaemonFixture.with(counts: [.tiki: 3, .lazada: 3]) { fixture in
            let daemon = try fixture.launch()
            try await waitUntil("the first batch is committed") { !fixture.events("batch").isEmpty }
            let committed = try await fixture.storedObservations().values.reduce(0, +)
            let moved = fixture.directory.appendingPathComponent("moved.sqlite").path
            #expect(rename(fixture.databasePath, moved) == 0)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(1), "\(daemon.standardError)")
            let folder = URL(fileURLWithPath: fixture.databasePath).deletingLastPathComponent().path
            let orphans = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("-wal.orphaned-") }
            let orphan = try #require(orphans.first, "no write-ahead log moved aside: \(orphans)")
            #expect(orphan.wholeMatch(of: /ocop-watch\.sqlite-wal\.orphaned-\d{8}T\d{6}/) != nil, "\(orphan)")
            #expect(fixture.events("database_gone").first?.message.contains(orphan) == true)
            #expect(rename(folder + "/" + orphan, moved + "-wal") == 0)
            let store = try SQLiteStore(path: moved)
            #expect(try await store.checkTotals().values.flatMap(\.values).reduce(0, +) >= committed)
        }
    }

    /// Answers slower than the grace period: the daemon abandons them at its end, records none of
    /// them (a cut-off check says nothing about a listing), and still exits 0.
    @Test func checksStillInFlightWhenTheGraceEndsAreAbandonedUnrecorded() async throws {
        var settings = DaemonFixture.Settings()
        settings.shutdownGrace = "1s"
        try await DaemonFixture.with(
            counts: [.tiki: 4, .lazada: 4],
            faults: [MockFault(.latency(milliseconds: 8000))],
            settings: settings
        ) { fixture in
            let daemon = try fixture.launch()
            try await waitUntil("the first requests reach the mock") { await fixture.requests().values.reduce(0, +) >= 2 }
            let signalled = ContinuousClock.now
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
            #expect(ContinuousClock.now - signalled < .seconds(7), "it waited for the 8 s answers")
            let expired = try #require(fixture.events("grace_expired").first, "no grace_expired event")
            #expect(Int(expired.metadata["in_flight"] ?? "") ?? 0 > 0)
            let statuses = try await fixture.storedStatuses()
            #expect(statuses.values.reduce(0, +) == 0, "abandoned checks were recorded: \(statuses)")
            #expect(fixture.events("stopped").count == 1)
        }
    }

    /// A feed's verdicts are dated by the feed; the schedule must still count from the read, or
    /// a day-old feed is due again at once, read again and again, each read stored.
    @Test func anOldFeedIsReadOncePerInterval() async throws {
        let feed = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: feed, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: feed) }
        let file = feed.appendingPathComponent("tiki.json")
        var settings = DaemonFixture.Settings()
        settings.feeds = [.tiki: file.absoluteString]
        try await DaemonFixture.with(counts: [.tiki: 3, .lazada: 1], settings: settings) { fixture in
            let tiki = fixture.catalog.listings.filter { $0.marketplace == .tiki }
            let items = tiki.map { "{\"url\": \"\($0.url)\", \"status\": \"active\"}" }.joined(separator: ", ")
            try "{\"format\": \"ocop-watch-feed/1\", \"marketplace\": \"tiki\", \"complete\": true, \"items\": [\(items)]}"
                .write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: file.path)
            let daemon = try fixture.launch()
            try await waitUntil("the feed read") { (try? await fixture.storedStatuses())?[.active, default: 0] ?? 0 >= tiki.count }
            try await Task.sleep(for: .seconds(4))
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
            let store = try fixture.openStore()
            var reads = 0
            for listing in tiki { reads += try await store.history(for: listing.key, limit: 100).count }
            #expect(reads == tiki.count, "the feed was read \(reads / max(tiki.count, 1)) times in a few seconds")
        }
    }

    @Test func aRestartDoesNotCheckEverythingAgainAtOnce() async throws {
        try await DaemonFixture.with(counts: [.tiki: 5, .lazada: 5, .shopee: 5, .tiktokShop: 5]) { fixture in
            let total = fixture.catalog.listings.count
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }

            // First start: every listing is new, so each is checked within first_check_within (1 s).
            let first = try fixture.launch(notify: notify)
            try await waitUntil("every listing checked") { await fixture.requests().values.reduce(0, +) >= total }
            first.send(SIGTERM)
            #expect(await first.waitForExit(timeout: .seconds(30)) == .exited(0), "\(first.standardError)")
            let before = await fixture.requests().values.reduce(0, +)
            #expect(before == total)

            // Restart: the schedule is read back, nothing is due for half an interval (30 s).
            let readyCount = notify.messages(containing: "READY=1").count
            let second = try fixture.launch(notify: notify, name: "second")
            try await waitUntil("the restarted daemon's READY=1") { notify.messages(containing: "READY=1").count > readyCount }
            let startedAt = ContinuousClock.now
            // Long enough for a fresh schedule (first checks within 1 s) to have checked everything again.
            try await waitUntil("a batch window after the restart", timeout: .seconds(10)) {
                ContinuousClock.now - startedAt >= .seconds(3)
            }
            let after = await fixture.requests().values.reduce(0, +)
            #expect(after - before < total / 4, "a restart re-checked \(after - before) of \(total) listings at once")
            second.send(SIGTERM)
            #expect(await second.waitForExit(timeout: .seconds(30)) == .exited(0), "\(second.standardError)")
        }
    }
}
