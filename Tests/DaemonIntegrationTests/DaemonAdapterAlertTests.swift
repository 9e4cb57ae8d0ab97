import Foundation
import MockMarketplace
import OCOPCore
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
            for listing in fixture.catalog.listings(of: .shopee) {
                await fixture.server.setState(.blocked, marketplace: .shopee, itemID: DemoEnvironment.itemID(of: listing))
            }
            let alerts = fixture.logsDirectory.appendingPathComponent("alerts.jsonl")
            func degraded() -> [String] {
                let text = (try? String(contentsOf: alerts, encoding: .utf8)) ?? ""
                return text.split(separator: "\n").map(String.init).filter { $0.contains("\"adapter_degraded:shopee\"") }
            }
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

/// `no_successful_pass` in the daemon: the clock raises it, not a check, so it fires while no
/// check runs at all.
@Suite struct DaemonIdleAlertTests {
    @Test func noSuccessfulPassFiresWithoutAnyCheckToCloseABatch() async throws {
        var settings = DaemonFixture.Settings()
        // Checked once at start (every 60 s after), and a pass is overdue 3 s after it ended.
        settings.extraYAML = "alerts:\n  no_pass_after: 3s\n"
        try await DaemonFixture.with(counts: [.tiki: 2], settings: settings) { fixture in
            let alerts = fixture.logsDirectory.appendingPathComponent("alerts.jsonl")
            func noPass() -> [String] {
                let text = (try? String(contentsOf: alerts, encoding: .utf8)) ?? ""
                return text.split(separator: "\n").map(String.init).filter { $0.contains("\"no_successful_pass\"") }
            }
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
