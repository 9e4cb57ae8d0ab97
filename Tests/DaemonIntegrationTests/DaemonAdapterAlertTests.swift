import Foundation
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

/// `adapter_degraded` in the daemon: judged on each listing's latest check within its interval,
/// so a marketplace that refuses every check raises it even when no one batch holds ten checks.
@Suite struct DaemonAdapterAlertTests {
    @Test func aMarketplaceRefusingEveryCheckIsDegradedAcrossBatches() async throws {
        var settings = DaemonFixture.Settings()
        settings.maxConcurrentPerHost = 1
        // A third of a second per answer, one at a time: a few checks per one-second batch.
        let slow = MockFault(.latency(milliseconds: 300), marketplace: .shopee)
        try await DaemonFixture.with(counts: [.shopee: 12], faults: [slow], settings: settings) { fixture in
            await fixture.blockEveryListing(of: .shopee)
            func degraded() -> [String] { fixture.alertLines(containing: "\"adapter_degraded:shopee\"") }
            let daemon = try fixture.launch()
            try await waitUntil("adapter_degraded fires for shopee") { degraded().contains { $0.contains("\"firing\"") } }
            let batches = fixture.events("batch").compactMap { $0.metadata["checks"].flatMap { Int($0) } }
            #expect(!batches.isEmpty && batches.allSatisfy { $0 < 10 }, "checks per batch: \(batches)")

            // The breaker opens and the marketplace gets no more checks: still degraded.
            try await waitUntil("the breaker opens") { !fixture.events("breaker_opened").isEmpty }
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
            #expect(!degraded().contains { $0.contains("\"resolved\"") }, "\(degraded())")
        }
    }
}

/// A marketplace whose breaker is open gets no checks, so its blocked checks age out of the
/// interval `adapter_degraded` judges; the open breaker itself keeps the alert firing.
@Suite struct DaemonPausedMarketplaceAlertTests {
    @Test func aMarketplacePausedByItsBreakerStaysDegraded() async throws {
        var settings = DaemonFixture.Settings()
        settings.breakerCooldown = "10m"
        // Idle publications every 2 s: several evaluations while nothing is checked.
        settings.extraYAML = "alerts:\n  no_pass_after: 8s\n"
        try await DaemonFixture.with(counts: [.shopee: 12], settings: settings) { fixture in
            await fixture.blockEveryListing(of: .shopee)
            func degraded() -> [String] { fixture.alertLines(containing: "\"adapter_degraded:shopee\"") }
            let daemon = try fixture.launch()
            try await waitUntil("the breaker opens") { !fixture.events("breaker_opened").isEmpty }
            try await waitUntil("adapter_degraded fires for shopee") { degraded().contains { $0.contains("\"firing\"") } }
            let requests = await fixture.requests()[.shopee] ?? 0
            // The interval (60 s, the shortest allowed) and a few publications more: every blocked
            // check has aged out of what adapter_degraded counts.
            let start = ContinuousClock.now
            try await waitUntil("an interval", timeout: .seconds(90)) { ContinuousClock.now - start >= .seconds(68) }
            #expect(await fixture.requests()[.shopee] ?? 0 == requests, "the breaker stayed open")
            #expect(!degraded().contains { $0.contains("\"resolved\"") }, "\(degraded())")
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }
}

/// A marketplace switched off while its breaker is open is no longer degraded: nothing waits to
/// be checked there.
@Suite struct DaemonDisabledMarketplaceAlertTests {
    @Test func disablingAPausedMarketplaceResolvesItsAlert() async throws {
        var settings = DaemonFixture.Settings()
        settings.breakerCooldown = "10m"
        settings.extraYAML = "alerts:\n  no_pass_after: 8s\n"
        try await DaemonFixture.with(counts: [.shopee: 12, .tiki: 2], settings: settings) { fixture in
            await fixture.blockEveryListing(of: .shopee)
            func degraded(_ state: String) -> [String] {
                fixture.alertLines(containing: "\"adapter_degraded:shopee\"").filter { $0.contains("\"\(state)\"") }
            }
            let daemon = try fixture.launch()
            try await waitUntil("the breaker opens") { !fixture.events("breaker_opened").isEmpty }
            try await waitUntil("adapter_degraded fires") { !degraded("firing").isEmpty }

            settings.disabled = [.shopee]
            try fixture.writeConfig(settings)
            daemon.send(SIGHUP)
            try await waitUntil("the reload") { !fixture.events("reload").isEmpty }
            try await waitUntil("adapter_degraded resolves", timeout: .seconds(30)) { !degraded("resolved").isEmpty }
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }
}

/// The daemon publishes far more often than it checks a listing: an alert concluded from checks
/// resolves only on checks, two conclusive ones, never on two publications after one answer.
@Suite struct DaemonAlertResolutionTests {
    /// A daemon whose first Tiki listing is delisted, run until that fires.
    static var settings: DaemonFixture.Settings {
        var settings = DaemonFixture.Settings()
        settings.confirmAfter = "2s"
        // Fire on the first delisted answer; publish every second even without checks.
        settings.extraYAML = "alerts:\n  fire_after: 1\n  no_pass_after: 4s\n"
        return settings
    }

    static func withFiringDelisting(
        _ body: (DaemonFixture, Listing, _ lines: (String) -> [String], ChildProcess) async throws -> Void
    ) async throws {
        try await DaemonFixture.with(counts: [.tiki: 2], settings: settings) { fixture in
            let listing = try #require(fixture.catalog.listings(of: .tiki).first)
            await fixture.server.setState(.delisted, marketplace: .tiki, itemID: DemoEnvironment.itemID(of: listing))
            let key = "\"listing_delisted:\(listing.productID):\(listing.url)\""
            func lines(_ state: String) -> [String] {
                fixture.alertLines(containing: key).filter { $0.contains("\"\(state)\"") }
            }
            let daemon = try fixture.launch()
            try await waitUntil("the delisting fires") { !lines("firing").isEmpty }
            try await body(fixture, listing, lines, daemon)
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }

    @Test func oneAnswerDoesNotResolveAListingAlert() async throws {
        try await Self.withFiringDelisting { fixture, listing, lines, _ in
            // The listing is back; its next check (a minute on) finds it active.
            await fixture.server.setState(.active, marketplace: .tiki, itemID: DemoEnvironment.itemID(of: listing))
            try await waitUntil("the alert resolves", timeout: .seconds(100)) { !lines("resolved").isEmpty }
            let resolvedLine = try #require(lines("resolved").first)
            let resolvedAt = try #require(
                (try JSONSerialization.jsonObject(with: Data(resolvedLine.utf8)) as? [String: Any])?["time"] as? String)
            let resolved = try #require(ISO8601DateFormatter().date(from: resolvedAt))
            let history = try await fixture.openStore().history(for: listing.key, limit: 100)
            let activeBefore = history.filter { $0.status == .active && $0.checkedAt <= resolved.addingTimeInterval(1) }
            #expect(activeBefore.count >= 2, "resolved after \(activeBefore.count) active answer(s): \(history.map(\.status))")
            #expect(lines("firing").count == 1)
        }
    }

    /// A reload whose rules stop counting the listing (its channel closed) takes the condition
    /// away with no check to wait for: the alert resolves within a confirmation check, not at
    /// the listing's next check a minute on.
    @Test func aReloadThatTakesTheConditionAwayResolvesWithoutWaitingForTheInterval() async throws {
        try await Self.withFiringDelisting { fixture, _, lines, daemon in
            var settings = Self.settings
            settings.extraYAML += "coverage:\n  channels:\n    tiki:\n      until: 2020-01-01\n"
            try fixture.writeConfig(settings)
            daemon.send(SIGHUP)
            try await waitUntil("the alert resolves", timeout: .seconds(30)) { !lines("resolved").isEmpty }
        }
    }

    /// One active answer, then a captcha on the confirmation: the captcha says nothing, so the
    /// alert must not resolve on it.
    @Test func aBlockedConfirmationIsNoSecondAnswer() async throws {
        try await Self.withFiringDelisting { fixture, listing, lines, _ in
            let item = DemoEnvironment.itemID(of: listing)
            let store = try fixture.openStore()
            await fixture.server.setState(.active, marketplace: .tiki, itemID: item)
            try await waitUntil("one active answer", timeout: .seconds(100)) {
                try await store.history(for: listing.key, limit: 1).first?.status == .active
            }
            await fixture.server.setState(.blocked, marketplace: .tiki, itemID: item)
            try await waitUntil("the confirmation check, blocked") {
                try await store.history(for: listing.key, limit: 1).first?.status == .blocked
            }
            let start = ContinuousClock.now
            try await waitUntil("a few publications") { ContinuousClock.now - start >= .seconds(4) }
            #expect(lines("resolved").isEmpty, "resolved on one answer and a captcha")
        }
    }
}

/// `no_successful_pass` in the daemon: the clock raises it, not a check, so it fires while no
/// check runs at all.
@Suite struct DaemonIdleAlertTests {
    @Test func noSuccessfulPassFiresWithoutAnyCheckToCloseABatch() async throws {
        var settings = DaemonFixture.Settings()
        // Checked once at start (every 60 s after), and a pass is overdue 3 s after it ended.
        settings.extraYAML = "alerts:\n  no_pass_after: 3s\n"
        try await DaemonFixture.with(counts: [.tiki: 2], settings: settings) { fixture in
            func noPass() -> [String] { fixture.alertLines(containing: "\"no_successful_pass\"") }
            let daemon = try fixture.launch()
            try await waitUntil("the first batch") { !fixture.events("batch").isEmpty }
            let batches = fixture.events("batch").count
            // The next check is a minute away: only an idle publication can notice the clock.
            try await waitUntil("no_successful_pass fires", timeout: .seconds(30)) {
                noPass().contains { $0.contains("\"firing\"") }
            }
            #expect(fixture.events("batch").count == batches, "a batch closed meanwhile")
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }
}

extension DaemonFixture {
    /// Makes the mock answer every listing of `marketplace` with its block page.
    fileprivate func blockEveryListing(of marketplace: MarketplaceID) async {
        for listing in catalog.listings(of: marketplace) {
            await server.setState(.blocked, marketplace: marketplace, itemID: DemoEnvironment.itemID(of: listing))
        }
    }

    /// The alert log's lines that contain `text`.
    fileprivate func alertLines(containing text: String) -> [String] {
        let log = (try? String(contentsOf: logsDirectory.appendingPathComponent("alerts.jsonl"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map(String.init).filter { $0.contains(text) }
    }
}
